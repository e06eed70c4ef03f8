package web

// The UI text of the account pages (sign-in, setup, account, members,
// tokens, invitations), merged into the dictionaries at start-up so that
// these pages keep their words in one file.
func init() {
	for k, v := range authJa {
		dictJa[k] = v
	}
	for k, v := range authEn {
		dictEn[k] = v
	}
}

var authJa = dict{
	"login_missing":   "メールアドレスとパスワードを入力してください。",
	"login_throttled": "ログインの失敗が続いたため、一時的にログインを止めています。15分ほど待ってからもう一度お試しください。",
	"login_no_org":    "このアカウントはどの組織にも属していません。組織のオーナーに招待を依頼してください。",
}

var authEn = dict{
	"login_missing":   "Enter your email and password.",
	"login_throttled": "Too many failed sign-ins: signing in is paused for a while. Please wait about 15 minutes and try again.",
	"login_no_org":    "This account belongs to no organization. Ask an organization's owner to invite you.",
}
