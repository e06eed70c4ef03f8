package web

// dictJa and dictEn hold every UI text; the words follow PRODUCT.md's table.
var dictJa = dict{
	"nav_plans":     "プラン",
	"logout":        "ログアウト",
	"login":         "ログイン",
	"login_title":   "ログイン",
	"login_failed":  "メールアドレスまたはパスワードが違います。",
	"email":         "メールアドレス",
	"password":      "パスワード",
	"error_title":   "エラー",
	"back_to_plans": "プラン一覧へ戻る",
}

var dictEn = dict{
	"nav_plans":     "Plans",
	"logout":        "Sign out",
	"login":         "Sign in",
	"login_title":   "Sign in",
	"login_failed":  "The email or password is not right.",
	"email":         "Email",
	"password":      "Password",
	"error_title":   "Error",
	"back_to_plans": "Back to the plans",
}
