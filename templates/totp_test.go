package templates_test

import "naskah/templates"

func totpSamples() map[string]any {
	return map[string]any{
		templates.PageLoginCode: templates.LoginCodePage{Base: templates.Base{Title: "Kode Verifikasi",
			Error: "Kode verifikasi salah atau sudah dipakai."}, Pending: true},
	}
}
