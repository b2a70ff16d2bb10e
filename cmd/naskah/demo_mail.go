package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"naskah/letters"
	"naskah/mail"
)

// demoMail shows email intake: a complaint that came by email (registered
// as received, with what the clerk must still check), the complainant's
// reply that joins the case, and an auto-reply that opens nothing. The
// messages go through the same path as IMAP and `naskah import`.
func (a *app) demoMail(ctx context.Context, w io.Writer) error {
	if a.profile.Channel(letters.MailChannel) == nil {
		return nil // this office takes no complaints by email
	}
	date := time.Now().Add(-2 * time.Hour).Format(time.RFC1123Z)
	domain := "warga.example.id"
	msgs := []string{
		"From: =?utf-8?B?UmF0bmEgU2FyaSBEZXdp?= <ratna.dewi@" + domain + ">\r\n" +
			"To: " + a.profile.Office.Email + "\r\nSubject: =?utf-8?Q?Pengaduan_=E2=80=94_layanan_loket_tutup_sebelum_jam_kerja_berakhir?=\r\n" +
			"Date: " + date + "\r\nMessage-ID: <demo-pengaduan-1@" + domain + ">\r\nMIME-Version: 1.0\r\n" +
			"Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
			"Yth. Bapak/Ibu,\r\n\r\nKemarin pukul 14.30 loket pelayanan sudah tutup, padahal jam layanan sampai pukul 15.00.\r\n" +
			"Mohon ditindaklanjuti.\r\n\r\nHormat saya,\r\nRatna Sari Dewi\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
			"<p>Yth. Bapak/Ibu,</p><p>Kemarin pukul 14.30 loket pelayanan <b>sudah tutup</b>, padahal jam layanan sampai pukul 15.00.</p>" +
			"<script>alert('x')</script><p>Mohon ditindaklanjuti.</p>\r\n--b--\r\n",
		"From: Ratna Sari Dewi <ratna.dewi@" + domain + ">\r\nSubject: Re: Pengaduan loket\r\nDate: " + date + "\r\n" +
			"Message-ID: <demo-pengaduan-2@" + domain + ">\r\nIn-Reply-To: <demo-pengaduan-1@" + domain + ">\r\n\r\n" +
			"Tambahan: nomor HP saya 0812-5555-0101.\r\n",
		"From: Ratna Sari Dewi <ratna.dewi@" + domain + ">\r\nSubject: Balasan otomatis: sedang di luar kantor\r\n" +
			"Date: " + date + "\r\nMessage-ID: <demo-otomatis-3@" + domain + ">\r\nAuto-Submitted: auto-replied\r\n\r\n" +
			"Saya sedang di luar kantor.\r\n",
	}
	in := &mail.Intake{Service: a.mail}
	var sum mail.Summary
	var first int64
	for i, raw := range msgs {
		res, err := in.Ingest(ctx, letters.MailSource{Folder: "import", Path: fmt.Sprintf("contoh-%d.eml", i+1)}, []byte(raw))
		if err != nil {
			return err
		}
		if res.Outcome == letters.MailLetter && first == 0 {
			first = res.LetterID
		}
		sum.Add(fmt.Sprintf("contoh-%d.eml", i+1), res)
	}
	// The clerk has checked it and puts it in the agenda, as every demo
	// case is (mail stays "Diterima" until then).
	if first != 0 {
		if err := a.demoRegister(ctx, first); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "Email contoh: %d surat masuk (diagendakan petugas), %d balasan pada kasusnya, %d balasan otomatis.\n",
		sum.Letters, sum.Replies, sum.AutoReplies)
	return nil
}

// demoRegister registers a received letter as a user allowed to.
func (a *app) demoRegister(ctx context.Context, id int64) error {
	for _, rule := range a.profile.Actions {
		if rule.Action != letters.ActionRegister {
			continue
		}
		for _, pos := range rule.Positions {
			uctx, err := a.as(ctx, pos)
			if err != nil {
				continue
			}
			_, err = a.letters.Transition(uctx, id, letters.TransitionInput{Action: letters.ActionRegister,
				Note: "Email diperiksa petugas dan diagendakan."})
			return err
		}
	}
	return fmt.Errorf("no demo user may register letter %d", id)
}
