package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"naskah/letters"
)

// TestWorkflow_EveryProfileEndToEnd walks a complaint through every seed
// office as its profile says: intake, (verification,) the disposition
// cascade from the head down to the drafter, drafting, every paraf, the
// signature, registration, delivery and closing, with the profile's own
// users; at each step somebody else is refused first.
func TestWorkflow_EveryProfileEndToEnd(t *testing.T) {
	for _, slug := range []string{"dpmptsp", "bkad-kalbar", "bkpsdmd-matim", "disarpus-sanggau", "biro-organisasi-ntt"} {
		t.Run(slug, func(t *testing.T) {
			o := MustOffice(t, slug)
			p := o.P
			l := NewLetter("Izin usaha belum terbit setelah dua bulan")
			l.Channel = "tatap_muka"
			clerk := o.As(t, p.Channel("tatap_muka").Receiver)
			MustCreateLetter(t, o.DB, clerk, l)
			if p.MayPerform(User(clerk).Position, letters.ActionVerify) || len(positionsOf(p, letters.ActionVerify)) > 0 {
				v := o.As(t, positionsOf(p, letters.ActionVerify)[0])
				if _, err := o.L.Transition(v, l.ID, letters.TransitionInput{Action: letters.ActionVerify}); err != nil {
					t.Fatalf("verify: %v", err)
				}
			}

			doc := p.Document("surat_jawaban")
			drafterPos := doc.Chain[0].Position
			head := positionsOf(p, letters.ActionDispose)[0]
			path := PathDown(p, head, drafterPos)
			if len(path) < 2 || path[0] != head {
				t.Fatalf("no hierarchy path from %s down to %s: %v", head, drafterPos, path)
			}
			drafter := o.As(t, drafterPos)
			if !p.SeesAllLetters(drafterPos) {
				_, err := o.L.FindLetterByID(drafter, l.ID)
				ExpectCode(t, err, letters.EFORBIDDEN)
				list, _, err := o.L.FindLetters(drafter, letters.LetterFilter{})
				if err != nil || len(list) != 0 {
					t.Fatalf("the drafter's agenda before any disposition holds %d letters (%v)", len(list), err)
				}
			}

			// The cascade: each recipient disposes one level further down.
			for i := 0; i+1 < len(path); i++ {
				from := o.As(t, path[i])
				if i > 0 {
					_, err := o.WF.Dispose(from, letters.DisposeInput{LetterID: l.ID, To: []string{path[i-1]}, Instructions: []string{"untuk diketahui"}})
					ExpectCode(t, err, letters.EFORBIDDEN) // never up
				}
				_, err := o.WF.Dispose(drafter, letters.DisposeInput{LetterID: l.ID, To: []string{path[i+1]}, Instructions: []string{"siapkan jawaban"}})
				if path[i+1] != drafterPos {
					ExpectCode(t, err, letters.EFORBIDDEN)
				}
				d, err := o.WF.Dispose(from, letters.DisposeInput{LetterID: l.ID, To: []string{path[i+1]},
					Instructions: []string{"siapkan jawaban", "koordinasikan"}, Note: "Segera tindak lanjuti.", Nature: "segera"})
				if err != nil {
					t.Fatalf("dispose %s → %s: %v", path[i], path[i+1], err)
				}
				if d.Number == "" || d.Due == nil || !d.Due.Equal(l.Deadline) {
					t.Fatalf("disposition %+v: want a number and the letter's deadline as due date", d)
				}
				to := o.As(t, path[i+1])
				if _, err := o.L.FindLetterByID(to, l.ID); err != nil {
					t.Fatalf("recipient %s cannot open the letter: %v", path[i+1], err)
				}
				if err := o.WF.MarkDispositionsOpened(to, l.ID); err != nil {
					t.Fatal(err)
				}
				ExpectCode(t, o.WF.WithdrawDisposition(from, d.ID, "salah tujuan"), letters.ECONFLICT) // opened
				_, sheet, err := o.WF.DispositionSheet(to, d.ID)
				if err != nil {
					t.Fatal(err)
				}
				text := PDFText(t, sheet)
				for _, want := range []string{d.Number, l.AgendaNumber, "siapkan jawaban", firstRunes(User(from).Name, 12)} {
					if !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
						t.Fatalf("Lembar Disposisi lacks %q:\n%s", want, text)
					}
				}
			}

			// Drafting: only the drafter; every save is a new version.
			outsider := o.As(t, outsiderPosition(p, path, doc))
			_, err := o.WF.CreateDraft(outsider, l.ID, "surat_jawaban")
			if code := letters.ErrorCode(err); code != letters.EFORBIDDEN {
				t.Fatalf("outsider %s drafting: %v", User(outsider).Position, err)
			}
			dr, err := o.WF.CreateDraft(drafter, l.ID, "surat_jawaban")
			if err != nil {
				t.Fatalf("create draft: %v", err)
			}
			if !strings.Contains(dr.Current.Body, l.Subject) || !strings.Contains(dr.Current.Addressee, l.Complainant.Name) {
				t.Fatalf("template not filled from the case: %+v", dr.Current)
			}
			in := letters.DraftInput{Addressee: dr.Current.Addressee, Fields: dr.Current.Fields,
				Body: strings.Replace(dr.Current.Body, "(uraikan jawaban dan tindak lanjut atas pengaduan)",
					"Izin usaha Saudara telah terbit pada tanggal 12 Maret 2026 dan dapat diambil di loket.", 1)}
			if _, err := o.WF.SaveDraft(outsider, dr.ID, in); letters.ErrorCode(err) != letters.EFORBIDDEN {
				t.Fatalf("outsider saving: %v", err)
			}
			if v, err := o.WF.SaveDraft(drafter, dr.ID, in); err != nil || v.Version != 2 {
				t.Fatalf("save: version %v, %v", v, err)
			}
			if dr, err = o.WF.SubmitDraft(drafter, dr.ID); err != nil {
				t.Fatalf("submit: %v", err)
			}

			// The chain: each step's holder acts after somebody else is refused.
			var issued *letters.IssuedDocument
			for dr.CurrentStep() != nil && dr.CurrentStep().Step != letters.StepDeliver {
				st := *dr.CurrentStep()
				holder := o.As(t, st.Position)
				wrong := drafter
				if st.Position == drafterPos {
					wrong = outsider
				}
				switch st.Step {
				case letters.StepParaf:
					_, err = o.WF.ApproveDraft(wrong, dr.ID, "")
					ExpectCode(t, err, letters.EFORBIDDEN)
					dr, err = o.WF.ApproveDraft(holder, dr.ID, "Sudah sesuai.")
				case letters.StepSign:
					_, err = o.WF.SignDraft(wrong, dr.ID)
					ExpectCode(t, err, letters.EFORBIDDEN)
					issued, err = o.WF.SignDraft(holder, dr.ID)
					if err == nil {
						dr, err = o.WF.FindDraftByID(holder, dr.ID)
					}
				case letters.StepRegister:
					_, err = o.WF.RegisterDraft(wrong, dr.ID)
					ExpectCode(t, err, letters.EFORBIDDEN)
					dr, err = o.WF.RegisterDraft(holder, dr.ID)
				default:
					t.Fatalf("unexpected step %+v", st)
				}
				if err != nil {
					t.Fatalf("step %s by %s: %v", st.Step, st.Position, err)
				}
			}
			if issued == nil {
				t.Fatal("the chain ended without a signature")
			}
			got, err := o.L.FindLetterByID(clerk, l.ID)
			if err != nil || got.Status != letters.StatusNumbered {
				t.Fatalf("letter after signing: %v, %v", got.Status, err)
			}

			// Delivery: printed and handed over, then the case closes.
			deliverer := positionsOf(p, letters.ActionDeliver)[0]
			if st := dr.CurrentStep(); st != nil {
				deliverer = st.Position
			}
			if _, err := o.WF.DeliverDraft(outsider, dr.ID, letters.DeliveryInput{Method: letters.DeliverPrint, ReceivedBy: "x"}); letters.ErrorCode(err) != letters.EFORBIDDEN {
				t.Fatalf("outsider delivering: %v", err)
			}
			if _, err := o.WF.DeliverDraft(o.As(t, deliverer), dr.ID, letters.DeliveryInput{Method: letters.DeliverPrint,
				ReceivedBy: l.Complainant.Name}); err != nil {
				t.Fatalf("deliver: %v", err)
			}
			closer := o.As(t, positionsOf(p, letters.ActionClose)[0])
			if got, err = o.L.Transition(closer, l.ID, letters.TransitionInput{Action: letters.ActionClose}); err != nil || got.Status != letters.StatusClosed {
				t.Fatalf("close: %v %v", got, err)
			}

			// The signed PDF as stored holds the number, the signer and the paraf chain.
			data, err := o.WF.DocumentPDF(clerk, issued.ID)
			if err != nil {
				t.Fatal(err)
			}
			text := PDFText(t, data)
			wants := []string{issued.Number, issued.Signer.Name}
			for _, m := range issued.Parafs {
				wants = append(wants, firstRunes(m.Official.Name, 12))
			}
			for _, want := range wants {
				if !strings.Contains(text, want) {
					t.Fatalf("signed PDF lacks %q:\n%s", want, text)
				}
			}
			if len(issued.Parafs) < 1 || issued.Parafs[0].Kind != letters.StepDraft {
				t.Fatalf("paraf chain %+v: want the drafter's mark first", issued.Parafs)
			}
			fc, err := o.WF.CheckFile(context.Background(), issued.VerifyCode, data)
			if err != nil || !fc.Original {
				t.Fatalf("the stored file is not reported original: %+v %v", fc, err)
			}
			changed := slices.Clone(data)
			changed[len(changed)/2] ^= 1
			if fc, err = o.WF.CheckFile(context.Background(), issued.VerifyCode, changed); err != nil || fc.Original {
				t.Fatalf("a changed byte passes as original: %+v %v", fc, err)
			}
			events, _ := o.L.LetterEvents(clerk, l.ID)
			var seen []letters.Status
			for _, e := range events {
				if e.To != "" && !slices.Contains(seen, e.To) {
					seen = append(seen, e.To)
				}
			}
			for _, s := range []letters.Status{letters.StatusDisposed, letters.StatusDrafting, letters.StatusInReview,
				letters.StatusSigned, letters.StatusNumbered, letters.StatusDelivered, letters.StatusClosed} {
				if !slices.Contains(seen, s) {
					t.Fatalf("timeline never reached %s: %v", s, seen)
				}
			}
		})
	}
}

func positionsOf(p *letters.Profile, a letters.Action) []string {
	for _, r := range p.Actions {
		if r.Action == a {
			return r.Positions
		}
	}
	return nil
}

// outsiderPosition is a position outside the cascade and the chain that
// may neither draft nor deliver.
func outsiderPosition(p *letters.Profile, path []string, doc *letters.Document) string {
	for _, chainOK := range []bool{false, true} {
		for _, pos := range p.Positions {
			inChain := slices.ContainsFunc(doc.Chain, func(s letters.ChainStep) bool { return s.Position == pos.Code })
			if !slices.Contains(path, pos.Code) && (chainOK || !inChain) && !p.MayPerform(pos.Code, letters.ActionDraft) &&
				!p.MayPerform(pos.Code, letters.ActionDeliver) {
				return pos.Code
			}
		}
	}
	panic("no outsider position in " + p.Slug)
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}
