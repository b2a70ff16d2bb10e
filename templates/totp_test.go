package templates_test

import (
	"time"

	"naskah/letters"
	"naskah/templates"
)

// totpSamples holds the pages of the second factor and of API tokens.
func totpSamples() map[string]any {
	admin := &letters.User{ID: 2, Name: "Admin Kantor", Position: "kasubag_umum", Admin: true}
	at := time.Date(2026, 11, 23, 7, 5, 0, 0, time.UTC)
	return map[string]any{
		templates.PageLoginCode: templates.LoginCodePage{Base: templates.Base{Title: "Kode Verifikasi",
			Error: "Kode verifikasi salah atau sudah dipakai."}, Pending: true},
		templates.PageTOTPEnrol: templates.TOTPEnrolPage{Base: templates.Base{Title: "Faktor Kedua", User: admin},
			Required: true, Secret: "JBSW Y3DP EHPK 3PXP", URI: "otpauth://totp/Naskah:admin?secret=JBSWY3DPEHPK3PXP",
			QR: "data:image/png;base64,iVBORw0KGgo=", Next: "/agenda"},
		templates.PageTokens: templates.TokenPage{Base: templates.Base{Title: "Token API", User: admin},
			Mine:      []templates.TokenRow{{ID: 1, Owner: "admin", Name: "rekap <harian>", Scopes: "letters:read", CreatedAt: at, LastUsedAt: &at, Active: true}},
			Others:    []templates.TokenRow{{ID: 2, Owner: "kasubag", Name: "impor", Scopes: "letters:write", CreatedAt: at, RevokedAt: &at}},
			Scopes:    []templates.ScopeOption{{Value: "letters:read", Label: "Membaca surat", Checked: true}},
			NewSecret: "nsk_abc", NewName: "rekap <harian>"},
	}
}
