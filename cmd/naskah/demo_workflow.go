package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"naskah/letters"
)

// demoAnswer is a complaint the demo walks through the whole workflow: the
// disposition cascade, drafting, the paraf chain and the signature, and
// then as far as stop (signed, delivered or closed).
type demoAnswer struct {
	subject, body, answer string
	party                 letters.Party
	stop                  letters.Status
}

var demoAnswers = []demoAnswer{
	{"Sertifikat pelatihan belum diterbitkan", "Kami telah mengikuti pelatihan pada bulan Agustus, tetapi sertifikatnya belum kami terima.",
		"Sertifikat pelatihan Saudara telah diterbitkan dan dapat diambil di loket pelayanan pada jam kerja dengan membawa KTP asli.",
		letters.Party{Name: "Margaretha Sinaga", NIK: "6171045505880002", Address: "Jl. Tanjung Raya II No. 21", Phone: "081345670011", Email: "margaretha.s@example.id"},
		letters.StatusSigned},
	{"Antrean layanan terlalu panjang", "Setiap pagi antrean di loket layanan mengular sampai ke halaman parkir dan nomor antrean habis sebelum pukul 10.",
		"Mulai bulan depan kami menambah satu loket dan membuka pengambilan nomor antrean daring, sehingga warga tidak perlu datang sejak pagi.",
		letters.Party{Name: "Dominikus Bere", NIK: "5304011407790003", Address: "Kel. Oebobo, Kupang", Phone: "081337112233", Email: "dominikus.bere@example.id"},
		letters.StatusDelivered},
	{"Berkas permohonan hilang", "Berkas permohonan yang kami serahkan bulan lalu dinyatakan tidak ditemukan oleh petugas.",
		"Berkas permohonan Saudara telah ditemukan pada arsip bidang terkait dan telah diproses; kami mohon maaf atas keterlambatan ini.",
		letters.Party{Name: "Ahmad Fauzi", NIK: "6104021903850004", Address: "Jl. Sultan Syahrir No. 8", Phone: "085250123456", Email: "ahmad.fauzi@example.id"},
		letters.StatusClosed},
}

// demoWorkflow registers the demo answers and walks each to its stage with
// the profile's users, producing real signed documents.
func (a *app) demoWorkflow(ctx context.Context, w io.Writer) error {
	docs := 0
	for _, da := range demoAnswers {
		if err := a.walkAnswer(ctx, da); err != nil {
			return fmt.Errorf("demo %q: %w", da.subject, err)
		}
		docs++
	}
	fmt.Fprintf(w, "Kasus contoh dengan jawaban bertanda tangan elektronik: %d (lihat `naskah documents list`).\n", docs)
	return nil
}

// as returns ctx signed in as the first user holding position.
func (a *app) as(ctx context.Context, position string) (context.Context, error) {
	users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Position: position, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, fmt.Errorf("no demo user holds %s", position)
	}
	return letters.NewContextWithUser(ctx, users[0]), nil
}

func (a *app) walkAnswer(ctx context.Context, da demoAnswer) error {
	p := a.profile
	ch := p.Channels[0]
	if c := p.Channel("tatap_muka"); c != nil {
		ch = *c
	}
	clerk, err := a.as(ctx, ch.Receiver)
	if err != nil {
		return err
	}
	scan, err := demoScan()
	if err != nil {
		return err
	}
	l := &letters.Letter{Channel: ch.Code, Category: letters.CategoryPengaduan, Subject: da.subject, Body: da.body,
		Complainant: da.party, Statement: true}
	if err := a.letters.CreateLetter(clerk, l, []letters.Upload{{Name: "formulir-pengaduan.pdf", Data: scan}}); err != nil {
		return err
	}
	if v := p.FirstAllowed(letters.ActionVerify); v != "" {
		vctx, err := a.as(ctx, v)
		if err != nil {
			return err
		}
		if _, err := a.letters.Transition(vctx, l.ID, letters.TransitionInput{Action: letters.ActionVerify}); err != nil {
			return err
		}
	}
	doc := p.Document("surat_jawaban")
	if doc == nil || len(doc.Chain) == 0 {
		return fmt.Errorf("profile has no surat_jawaban chain")
	}
	drafterPos := doc.Chain[0].Position
	path := pathDown(p, p.FirstAllowed(letters.ActionDispose), drafterPos)
	for i := 0; i+1 < len(path); i++ {
		from, err := a.as(ctx, path[i])
		if err != nil {
			return err
		}
		if _, err := a.workflow.Dispose(from, letters.DisposeInput{LetterID: l.ID, To: []string{path[i+1]},
			Instructions: []string{"untuk ditindaklanjuti", "siapkan jawaban"}, Nature: "segera"}); err != nil {
			return err
		}
		to, err := a.as(ctx, path[i+1])
		if err != nil {
			return err
		}
		if err := a.workflow.MarkDispositionsOpened(to, l.ID); err != nil {
			return err
		}
	}
	drafter, err := a.as(ctx, drafterPos)
	if err != nil {
		return err
	}
	d, err := a.workflow.CreateDraft(drafter, l.ID, "surat_jawaban")
	if err != nil {
		return err
	}
	in := letters.DraftInput{Addressee: d.Current.Addressee, Fields: d.Current.Fields, Note: "Jawaban dilengkapi.",
		Body: strings.Replace(d.Current.Body, "(uraikan jawaban dan tindak lanjut atas pengaduan)", da.answer, 1)}
	in.Fields["tindak_lanjut"] = da.answer
	if _, err := a.workflow.SaveDraft(drafter, d.ID, in); err != nil {
		return err
	}
	if d, err = a.workflow.SubmitDraft(drafter, d.ID); err != nil {
		return err
	}
	for st := d.CurrentStep(); st != nil && st.Step != letters.StepDeliver; st = d.CurrentStep() {
		actx, err := a.as(ctx, st.Position)
		if err != nil {
			return err
		}
		switch st.Step {
		case letters.StepParaf:
			d, err = a.workflow.ApproveDraft(actx, d.ID, "")
		case letters.StepSign:
			if _, err = a.workflow.SignDraft(actx, d.ID); err == nil {
				d, err = a.workflow.FindDraftByID(actx, d.ID)
			}
		case letters.StepRegister:
			d, err = a.workflow.RegisterDraft(actx, d.ID)
		default:
			return fmt.Errorf("unexpected step %q", st.Step)
		}
		if err != nil {
			return err
		}
	}
	if da.stop == letters.StatusSigned {
		return nil
	}
	deliverer := p.FirstAllowed(letters.ActionDeliver)
	if st := d.CurrentStep(); st != nil {
		deliverer = st.Position
	}
	dctx, err := a.as(ctx, deliverer)
	if err != nil {
		return err
	}
	if _, err := a.workflow.DeliverDraft(dctx, d.ID, letters.DeliveryInput{Method: letters.DeliverPrint,
		ReceivedBy: da.party.Name}); err != nil {
		return err
	}
	if da.stop == letters.StatusDelivered {
		return nil
	}
	cctx, err := a.as(ctx, p.FirstAllowed(letters.ActionClose))
	if err != nil {
		return err
	}
	_, err = a.letters.Transition(cctx, l.ID, letters.TransitionInput{Action: letters.ActionClose,
		Note: "Jawaban telah diterima pengadu."})
	return err
}

// pathDown is the hierarchy from top down to position.
func pathDown(p *letters.Profile, top, position string) []string {
	var up []string
	for pos := p.Position(position); pos != nil; pos = p.Position(pos.Parent) {
		up = append(up, pos.Code)
		if pos.Code == top {
			break
		}
	}
	for i, j := 0, len(up)-1; i < j; i, j = i+1, j-1 {
		up[i], up[j] = up[j], up[i]
	}
	return up
}
