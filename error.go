package gyakusan

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for users: it decides the HTTP status and the CLI
// exit code (see ErrorStatus and ExitCode) and never carries internals.
type Code string

// The error codes.
const (
	CodeInvalid      Code = "invalid"
	CodeNotFound     Code = "not_found"
	CodeConflict     Code = "conflict"
	CodeUnauthorized Code = "unauthorized"
	CodeForbidden    Code = "forbidden"
	CodeTooMany      Code = "too_many_requests"
	CodeInternal     Code = "internal"
)

// Error is an error a user may see: a code, an optional message in both
// languages, and the fields it is about.
type Error struct {
	Code   Code
	Ja, En string // a message for the whole request; may be empty
	Fields []FieldError
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.En != "" {
		b.WriteString(": " + e.En)
	}
	for _, f := range e.Fields {
		b.WriteString("; " + f.Text("en"))
	}
	return b.String()
}

// Message returns the request-level message in lang ("ja" or "en"),
// falling back to a generic text for the code.
func (e *Error) Message(lang string) string {
	if lang == "ja" && e.Ja != "" {
		return e.Ja
	}
	if lang != "ja" && e.En != "" {
		return e.En
	}
	m := codeMessages[e.Code]
	if lang == "ja" {
		return m[0]
	}
	return m[1]
}

var codeMessages = map[Code][2]string{
	CodeInvalid:      {"入力内容に誤りがあります。", "Some input is not valid."},
	CodeNotFound:     {"見つかりません。", "Not found."},
	CodeConflict:     {"他の人が先に変更しました。", "Someone else changed this first."},
	CodeUnauthorized: {"ログインしてください。", "Please sign in."},
	CodeForbidden:    {"この操作の権限がありません。", "You are not allowed to do this."},
	CodeTooMany:      {"試行回数が多すぎます。しばらくしてからお試しください。", "Too many attempts. Please try again later."},
	CodeInternal:     {"内部エラーが発生しました。", "Something went wrong on our side."},
}

// Localized returns an *Error with a message in both languages.
func Localized(code Code, ja, en string) *Error { return &Error{Code: code, Ja: ja, En: en} }

// Invalid returns an invalid-input error about the given fields.
func Invalid(fields ...FieldError) *Error { return &Error{Code: CodeInvalid, Fields: fields} }

// ErrorCode returns the code of err: CodeInternal for errors that are not *Error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return CodeInternal
}

// ErrorStatus maps an error to its HTTP status.
func ErrorStatus(err error) int {
	switch ErrorCode(err) {
	case CodeInvalid:
		return 422
	case CodeNotFound:
		return 404
	case CodeConflict:
		return 409
	case CodeUnauthorized:
		return 401
	case CodeForbidden:
		return 403
	case CodeTooMany:
		return 429
	case "":
		return 200
	}
	return 500
}

// ExitCode maps an error to the CLI's exit status: 2 for input a user can
// fix, 1 for everything else.
func ExitCode(err error) int {
	switch ErrorCode(err) {
	case "":
		return 0
	case CodeInvalid:
		return 2
	}
	return 1
}

// Rule names what a field broke; with the field's bounds it makes the
// message (see FieldError.Text).
type Rule string

// The validation rules.
const (
	RuleRequired Rule = "required" // the field must be given
	RuleRange    Rule = "range"    // the value must lie in Min..Max
	RuleType     Rule = "type"     // the value has the wrong type or format
	RuleSyntax   Rule = "syntax"   // the document is not valid JSON
	RuleUnknown  Rule = "unknown"  // the field does not exist
	RuleChoice   Rule = "choice"   // the value must be one of Min (a list)
	RuleOneOf    Rule = "one_of"   // exactly one of two fields must be given
	RuleSum      Rule = "sum"      // the values must add up to Max
	RuleLength   Rule = "length"   // the text or list is too long / short
	RuleFormat   Rule = "format"   // the text must have the format in Min
	RuleTooLarge Rule = "too_large"
)

// FieldError says what is wrong with one field. Field is a JSON path such as
// "rates.win" or "channels[2].share". Min and Max are shown as they are
// written (an open lower bound starts with "(").
type FieldError struct {
	Field string `json:"field"`
	Rule  Rule   `json:"rule"`
	Min   string `json:"min,omitempty"`
	Max   string `json:"max,omitempty"`
}

// Text returns the message for the field in lang ("ja" or "en"), naming the
// field and the allowed range.
func (f FieldError) Text(lang string) string {
	name := FieldLabel(f.Field, lang)
	ja := lang == "ja"
	switch f.Rule {
	case RuleRequired:
		if ja {
			return name + "を入力してください。"
		}
		return name + " is required."
	case RuleRange:
		lo, hi := f.Min, f.Max
		open := strings.HasPrefix(lo, "(")
		lo = strings.TrimPrefix(lo, "(")
		if ja {
			if open {
				return fmt.Sprintf("%sは%sより大きく%s以下にしてください。", name, lo, hi)
			}
			return fmt.Sprintf("%sは%s以上%s以下にしてください。", name, lo, hi)
		}
		if open {
			return fmt.Sprintf("%s must be greater than %s and at most %s.", name, lo, hi)
		}
		return fmt.Sprintf("%s must be between %s and %s.", name, lo, hi)
	case RuleType:
		if ja {
			return name + "の形式が正しくありません。数値で入力してください。"
		}
		return name + " has the wrong format; enter a number."
	case RuleSyntax:
		if ja {
			return "JSONとして読み取れません。"
		}
		return "The document is not valid JSON."
	case RuleUnknown:
		if ja {
			return fmt.Sprintf("「%s」という項目はありません。", f.Field)
		}
		return fmt.Sprintf("There is no field %q.", f.Field)
	case RuleChoice:
		if ja {
			return fmt.Sprintf("%sは次のいずれかにしてください: %s", name, f.Min)
		}
		return fmt.Sprintf("%s must be one of: %s.", name, f.Min)
	case RuleOneOf:
		if ja {
			return fmt.Sprintf("%sか%sのどちらか一方を入力してください。", name, FieldLabel(f.Min, lang))
		}
		return fmt.Sprintf("Give either %s or %s, not both.", name, FieldLabel(f.Min, lang))
	case RuleSum:
		if ja {
			return fmt.Sprintf("%sの合計は%s%%にしてください（現在%s%%）。", name, f.Max, f.Min)
		}
		return fmt.Sprintf("%s must add up to %s %% (now %s %%).", name, f.Max, f.Min)
	case RuleLength:
		if ja {
			return fmt.Sprintf("%sは%s〜%sにしてください。", name, f.Min, f.Max)
		}
		return fmt.Sprintf("%s must have between %s and %s items or characters.", name, f.Min, f.Max)
	case RuleFormat:
		if ja {
			return fmt.Sprintf("%sは%sの形式で入力してください。", name, f.Min)
		}
		return fmt.Sprintf("%s must be written as %s.", name, f.Min)
	case RuleTooLarge:
		if ja {
			return name + "から計算される数が大きすぎます。率か目標を見直してください。"
		}
		return "The figures computed from " + name + " are too large; check the rates and the target."
	}
	return name + ": " + string(f.Rule)
}
