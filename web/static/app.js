// gyakusan's page script: live recompute of the plan sheet, saving without
// a reload, and channel rows. No framework and no inline script (the CSP
// forbids it); without this file every form still works by plain POST.
"use strict";

(function () {
  const printBtn = document.getElementById("print-now");
  if (printBtn) printBtn.addEventListener("click", () => window.print());

  // A one-time message (?flash=) should not come back on reload.
  const url = new URL(location.href);
  if (url.searchParams.has("flash")) {
    url.searchParams.delete("flash");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  const form = document.getElementById("sheet");
  if (!form) return;
  const msg = (k) => form.dataset["msg" + k[0].toUpperCase() + k.slice(1)] || "";
  const status = document.getElementById("save-status");
  const canEdit = form.dataset.canEdit === "1";
  let dirty = false;
  let seq = 0; // the latest preview request; older answers are dropped
  let timer = 0;

  function setStatus(text, kind) {
    if (!status) return;
    status.textContent = text;
    status.className = "save-status" + (kind ? " " + kind : "");
  }

  function markDirty() {
    if (!dirty && canEdit) setStatus(msg("unsaved"), "dirty");
    dirty = true;
  }

  // Forms go as URL-encoded bodies (FormData alone would be multipart).
  // Fields are the plan document's paths; a channel field is found by its
  // row and data-key, so "channels[2].cpa" lands on the third row's CPA.
  function fieldInput(path) {
    const m = /^channels\[(\d+)\]\.(\w+)$/.exec(path);
    if (m) {
      const row = form.querySelectorAll("#channel-rows tr")[+m[1]];
      if (!row) return null;
      for (const el of row.querySelectorAll("[data-key]")) {
        if (el.dataset.key.split(" ").includes(m[2])) return el;
      }
      return null;
    }
    for (const el of form.querySelectorAll("[data-field]")) {
      if (el.dataset.field.split(" ").includes(path)) return el;
    }
    for (const el of form.querySelectorAll("[data-field-box]")) {
      if (el.dataset.fieldBox.split(" ").includes(path)) return el;
    }
    return null;
  }

  function showErrors(list) {
    for (const el of form.querySelectorAll(".field-error")) el.textContent = "";
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const e of list) {
      const el = fieldInput(e.field);
      if (!el) continue;
      if (el.classList.contains("field-error")) {
        el.textContent = e.message;
        continue;
      }
      el.setAttribute("aria-invalid", "true");
      const box = el.closest(".f");
      const span = box && box.querySelector(".field-error");
      if (span && !span.textContent) span.textContent = e.message;
    }
  }

  // Range hints follow the rates as they are typed.
  function markRanges(frag) {
    const out = new Set();
    for (const li of frag.querySelectorAll("[data-warn-field]")) out.add(li.dataset.warnField);
    for (const box of form.querySelectorAll("[data-range-for]")) {
      box.classList.toggle("out", out.has(box.dataset.rangeFor));
    }
  }

  function swapParts(html, ok) {
    const t = document.createElement("template");
    t.innerHTML = html;
    const frag = t.content;
    const errors = [...frag.querySelectorAll("[data-errors] li")].map((li) => ({
      field: li.dataset.field, message: li.textContent,
    }));
    showErrors(errors);
    for (const part of frag.querySelectorAll("[data-part]")) {
      const name = part.dataset.part;
      if (!ok && name !== "errors") continue; // keep the last good figures
      for (const old of document.querySelectorAll('[data-part="' + name + '"]')) {
        old.replaceWith(part.cloneNode(true));
      }
    }
    document.body.classList.toggle("stale", !ok);
    if (ok) markRanges(frag);
  }

  async function preview() {
    const my = ++seq;
    form.classList.add("computing");
    try {
      const res = await fetch(form.dataset.preview, {
        method: "POST", body: new URLSearchParams(new FormData(form)), headers: { Accept: "text/html" }, credentials: "same-origin",
      });
      const html = await res.text();
      if (my !== seq) return;
      if (res.ok || res.status === 422) swapParts(html, res.ok);
    } catch (e) {
      // Offline: the figures stay as they were; saving reports the problem.
    } finally {
      if (my === seq) form.classList.remove("computing");
    }
  }

  function schedule() {
    markDirty();
    clearTimeout(timer);
    timer = setTimeout(preview, 200);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", (ev) => {
    const el = ev.target;
    const row = el.closest && el.closest(".ch-row");
    if (row && el.name === "channels.kind") row.dataset.kind = el.value;
    if (row && el.name === "channels.mode") row.dataset.mode = el.value;
    schedule();
  });

  function addRow() {
    const tpl = document.getElementById("channel-row-template");
    const rows = document.getElementById("channel-rows");
    const row = tpl.content.firstElementChild.cloneNode(true);
    rows.appendChild(row);
    const first = row.querySelector("input");
    if (first) first.focus();
    schedule();
  }

  form.addEventListener("click", (ev) => {
    const btn = ev.target.closest && ev.target.closest("[data-op]");
    if (!btn) return;
    ev.preventDefault();
    if (btn.dataset.op === "add-channel") addRow();
    if (btn.dataset.op === "remove-channel") {
      btn.closest("tr").remove();
      schedule();
    }
  });

  const conflict = document.getElementById("conflict");

  function showConflict(p) {
    conflict.replaceChildren();
    const head = document.createElement("p");
    const b = document.createElement("b");
    b.textContent = p.detail || msg("conflict");
    head.appendChild(b);
    conflict.appendChild(head);
    if (p.changes && p.changes.length) {
      const ul = document.createElement("ul");
      ul.className = "changes";
      for (const c of p.changes) {
        const li = document.createElement("li");
        li.textContent = c;
        ul.appendChild(li);
      }
      conflict.appendChild(ul);
    }
    const row = document.createElement("p");
    row.className = "row";
    const over = document.createElement("button");
    over.type = "button";
    over.className = "danger-button";
    over.textContent = msg("overwrite");
    over.addEventListener("click", () => save(p.version));
    const reload = document.createElement("a");
    reload.className = "button";
    reload.href = location.pathname;
    reload.textContent = msg("reload");
    reload.addEventListener("click", () => { dirty = false; });
    row.append(over, " ", reload);
    conflict.appendChild(row);
    conflict.hidden = false;
    conflict.scrollIntoView({ block: "nearest" });
  }

  async function save(overwrite) {
    if (!canEdit) return;
    clearTimeout(timer);
    setStatus(msg("saving"), "busy");
    const body = new URLSearchParams(new FormData(form));
    if (overwrite) body.set("overwrite", String(overwrite));
    let res;
    try {
      res = await fetch(form.action, { method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin" });
    } catch (e) {
      setStatus(msg("offline"), "error");
      return;
    }
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (res.ok && data) {
      form.elements.version.value = data.version;
      form.elements.base.value = JSON.stringify(data.base);
      conflict.hidden = true;
      dirty = false;
      setStatus(data.message, "ok");
      const hist = document.getElementById("history");
      if (hist && data.history) hist.innerHTML = data.history;
      showErrors([]);
      return;
    }
    if (res.status === 409 && data) {
      setStatus(data.title, "error");
      showConflict(data);
      return;
    }
    if (res.status === 422 && data) {
      showErrors(data.fields || []);
      setStatus(msg("invalid"), "error");
      return;
    }
    setStatus((data && (data.detail || data.title)) || msg("failed"), "error");
  }

  form.addEventListener("submit", (ev) => {
    const sub = ev.submitter;
    if (sub && sub.dataset.op) return; // handled on click
    ev.preventDefault();
    const o = sub && sub.name === "overwrite" ? sub.value : 0;
    save(o);
  });

  document.addEventListener("keydown", (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && ev.key.toLowerCase() === "s") {
      ev.preventDefault();
      save(0);
    }
  });

  window.addEventListener("beforeunload", (ev) => {
    if (dirty && canEdit) {
      ev.preventDefault();
      ev.returnValue = msg("leave");
    }
  });
  // The language switch reloads the page: keep unsaved input by asking.
  const lang = document.querySelector(".lang-switch");
  if (lang) lang.addEventListener("submit", (ev) => {
    if (dirty && canEdit && !confirm(msg("leave"))) ev.preventDefault();
    else dirty = false;
  });
})();
