package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"naskah/letters"
)

// SignDraft signs the latest version at the chain's sign step. In one write
// transaction it checks every paraf on this version, takes the next number
// of the type (gapless: the number and the document row commit together or
// not at all), renders the final PDF with the number, the paraf table and
// the verification QR code, signs it (PKCS#7 through letters.Signer),
// stores the signed bytes as a content-addressed file, and records the
// document, the signature mark, the timeline and the audit row with the
// PDF's SHA-256 and the approval record. Rendering and signing take a few
// milliseconds, so holding the writer meanwhile costs less than a second
// transaction and a number that could be lost between the two. The file
// is written before the commit: a crash leaves at most an unreferenced
// file, never a row without its file.
func (s *WorkflowService) SignDraft(ctx context.Context, id int64) (*letters.IssuedDocument, error) {
	if s.Renderer == nil || s.Signer == nil {
		return nil, letters.Errorf(letters.EINTERNAL, "Pencetak dan penanda tangan dokumen belum dipasang.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	doc, err := s.sign(ctx, tx, id, 0)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: sign: %w", err)
	}
	return doc, nil
}

// SignDraftInserted signs with an inserted number after afterSeq of the
// current year (the numbering service's rule: 617.a, then 617.b).
func (s *WorkflowService) SignDraftInserted(ctx context.Context, id int64, afterSeq int) (*letters.IssuedDocument, error) {
	if afterSeq <= 0 {
		return nil, letters.Errorf(letters.EINVALID, "Nomor sisipan harus sesudah nomor yang sudah terbit (angka lebih dari 0).")
	}
	if s.Renderer == nil || s.Signer == nil {
		return nil, letters.Errorf(letters.EINTERNAL, "Pencetak dan penanda tangan dokumen belum dipasang.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	doc, err := s.sign(ctx, tx, id, afterSeq)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: sign: %w", err)
	}
	return doc, nil
}

// insertedNumber takes the next inserted number after seq in the year of
// tx.now, formatted with the date of number seq, inside tx.
func insertedNumber(ctx context.Context, tx *Tx, d *letters.Document, seq int, entity string, entityID int64) (*letters.Number, error) {
	nf, err := letters.ParseNumberFormat(d.NumberFormat)
	if err != nil {
		return nil, err
	}
	year := tx.now.In(tx.db.Calendar.Location()).Year()
	var base time.Time
	err = tx.QueryRowContext(ctx, `SELECT issued_at FROM numbers WHERE document = ? AND year = ? AND seq = ? AND suffix = ''`,
		d.Code, year, seq).Scan(scanTime(&base))
	if isNoRows(err) {
		return nil, letters.Errorf(letters.EINVALID, "Nomor %d tahun %d untuk %s belum diterbitkan; nomor sisipan hanya dapat diberikan sesudah nomor yang sudah terbit.", seq, year, d.Name)
	} else if err != nil {
		return nil, fmt.Errorf("store: inserted number: %w", err)
	}
	var inserted int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM numbers WHERE document = ? AND year = ? AND seq = ? AND suffix <> ''`,
		d.Code, year, seq).Scan(&inserted); err != nil {
		return nil, fmt.Errorf("store: inserted number: %w", err)
	}
	n := &letters.Number{Document: d.Code, Year: year, Seq: seq, Suffix: letters.InsertSuffix(inserted),
		Entity: entity, EntityID: entityID, IssuedAt: tx.now}
	n.Formatted = nf.Format(n.Display(), base.In(tx.db.Calendar.Location()), d.Fields)
	return n, insertNumber(ctx, tx, n, "number.insert")
}

func (s *WorkflowService) sign(ctx context.Context, tx *Tx, id int64, afterSeq int) (*letters.IssuedDocument, error) {
	p := s.db.Profile
	a, d, err := s.stepActor(ctx, tx, id, letters.StepSign)
	if err != nil {
		return nil, err
	}
	for i := 1; i < d.Step; i++ {
		if d.Chain[i].Step != letters.StepParaf {
			continue
		}
		found := false
		for _, m := range d.Parafs {
			found = found || m.Step == i
		}
		if !found {
			return nil, letters.Errorf(letters.ECONFLICT, "Paraf %s pada versi %d belum ada.", p.PositionTitle(d.Chain[i].Position), d.Version)
		}
	}
	l, err := draftLetter(ctx, tx, d)
	if err != nil {
		return nil, err
	}
	dt := draftDocument(p, d.Type)
	if dt == nil {
		return nil, letters.Errorf(letters.EINVALID, "Jenis dokumen %q tidak lagi ada dalam profil kantor.", d.Type)
	}
	var n *letters.Number
	if afterSeq > 0 {
		n, err = insertedNumber(ctx, tx, dt, afterSeq, "draft", d.ID)
	} else {
		n, err = issueNumber(ctx, tx, dt, "draft", d.ID)
	}
	if err != nil {
		return nil, err
	}
	parafs := d.Parafs
	mark, err := insertMark(ctx, tx, p, a, d, "")
	if err != nil {
		return nil, err
	}
	out := &letters.IssuedDocument{LetterID: l.ID, DraftID: d.ID, Type: d.Type, Title: d.Title, Number: n.Formatted,
		Version: d.Version, Signer: mark.Official, SignedAt: tx.now, Parafs: parafs, VerifyCode: letters.NewTrackingCode()}
	content := letters.DocumentContent{Profile: p, Letter: l, Type: d.Type, Title: d.Title, Number: n.Formatted,
		Date: tx.now, Addressee: d.Current.Addressee, Body: d.Current.Body, Fields: d.Current.Fields,
		Signer: mark.Official, Parafs: parafs, VerifyURL: s.BaseURL + "/verifikasi/" + out.VerifyCode}
	raw, err := s.Renderer.RenderDocument(content)
	if err != nil {
		return nil, fmt.Errorf("store: render %s: %w", d.Type, err)
	}
	signed, err := s.Signer.Sign(ctx, raw, letters.SignInfo{Signer: mark.Official, Reason: "Penandatanganan " + dt.Name,
		Location: p.Office.City, At: tx.now})
	if err != nil {
		return nil, fmt.Errorf("store: sign %s: %w", d.Type, err)
	}
	if out.SHA256, err = storeBlob(ctx, tx, signed); err != nil {
		return nil, err
	}
	out.Size = int64(len(signed))
	parafJSON, _ := json.Marshal(parafs)
	res, err := tx.ExecContext(ctx, `INSERT INTO documents (letter_id, draft_id, type, title, number_id, number, version,
		signer_name, signer_title, signer_nip, signed_at, sha256, size, verify_code, parafs)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, nullID(l.ID), d.ID, d.Type, d.Title, n.ID, n.Formatted, d.Version,
		mark.Official.Name, mark.Official.Position, mark.Official.NIP, formatTime(tx.now), out.SHA256, out.Size,
		out.VerifyCode, string(parafJSON))
	if err != nil {
		return nil, fmt.Errorf("store: insert document: %w", err)
	}
	if out.ID, err = res.LastInsertId(); err != nil {
		return nil, fmt.Errorf("store: insert document: %w", err)
	}
	d.Step++
	d.State, d.DocumentID = letters.DraftSigned, out.ID
	if err := saveStep(ctx, tx, d); err != nil {
		return nil, err
	}
	if err := follow(ctx, tx, d, a.User, letters.ActionSign, fmt.Sprintf("%s versi %d ditandatangani oleh %s (%s) dengan nomor %s.",
		dt.Name, d.Version, mark.Official.Name, mark.Official.Position, n.Formatted)); err != nil {
		return nil, err
	}
	if st := d.CurrentStep(); st == nil || st.Step != letters.StepRegister {
		if err := follow(ctx, tx, d, a.User, letters.ActionNumber, "Nomor "+n.Formatted+" tercatat pada penandatanganan."); err != nil {
			return nil, err
		}
	}
	record := struct {
		Document  int64           `json:"document"`
		Number    string          `json:"number"`
		SHA256    string          `json:"sha256"`
		Version   int             `json:"version"`
		Approvals []letters.Paraf `json:"approvals"`
	}{out.ID, n.Formatted, out.SHA256, d.Version, append(parafs, *mark)}
	rec, _ := json.Marshal(record)
	if err := signRecord(ctx, tx, s.Signer, out.ID, rec); err != nil {
		return nil, err
	}
	entity, entityID := "letter", l.ID
	if d.LetterID == 0 { // a report cover: signing it sends the report
		if err := markCoverSent(ctx, tx, d, n.Formatted); err != nil {
			return nil, err
		}
		entity, entityID = "report", d.ID
	}
	return out, appendAudit(ctx, tx, &letters.AuditEntry{Action: "document.sign", Entity: entity, EntityID: entityID,
		Detail: string(rec)})
}

// RegisterDraft records a signed document in the register at the chain's
// register step; the case becomes numbered.
func (s *WorkflowService) RegisterDraft(ctx context.Context, id int64) (*letters.Draft, error) {
	return s.inTx(ctx, func(tx *Tx) (*letters.Draft, error) {
		a, d, err := s.stepActor(ctx, tx, id, letters.StepRegister)
		if err != nil {
			return nil, err
		}
		var number string
		if err := tx.QueryRowContext(ctx, `SELECT number FROM documents WHERE draft_id = ?`, d.ID).Scan(&number); err != nil {
			return nil, fmt.Errorf("store: register: %w", err)
		}
		d.Step++
		d.State = letters.DraftRegistered
		if err := saveStep(ctx, tx, d); err != nil {
			return nil, err
		}
		if err := follow(ctx, tx, d, a.User, letters.ActionNumber, "Registrasi/penomoran: "+d.Title+" nomor "+number+"."); err != nil {
			return nil, err
		}
		return d, appendAudit(ctx, tx, &letters.AuditEntry{Action: "document.register", Entity: "letter", EntityID: d.LetterID,
			Detail: fmt.Sprintf("Dokumen nomor %s diregistrasi oleh %s.", number, a.Name)})
	})
}

// PreviewDraft renders the latest version as a KONSEP: no number, no QR.
func (s *WorkflowService) PreviewDraft(ctx context.Context, id int64) ([]byte, error) {
	if s.Renderer == nil {
		return nil, letters.Errorf(letters.EINTERNAL, "Pencetak dokumen belum dipasang.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := visibleDraft(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	l, err := draftLetter(ctx, tx, d)
	if err != nil {
		return nil, err
	}
	// The signer as the position's first active user would sign; dots when
	// nobody holds it yet (the renderer needs a name).
	signer := letters.Official{Name: "................................"}
	for _, st := range d.Chain {
		if st.Step != letters.StepSign {
			continue
		}
		signer.Position = s.db.Profile.PositionTitle(st.Position)
		err := tx.QueryRowContext(ctx, `SELECT name, nip FROM users WHERE position = ? AND active = 1 ORDER BY id LIMIT 1`,
			st.Position).Scan(&signer.Name, &signer.NIP)
		if err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("store: preview signer: %w", err)
		}
	}
	return s.Renderer.RenderDocument(letters.DocumentContent{Profile: s.db.Profile, Letter: l, Type: d.Type,
		Title: d.Title, Date: tx.now, Addressee: d.Current.Addressee, Body: d.Current.Body,
		Fields: d.Current.Fields, Signer: signer, Parafs: d.Parafs, Draft: true})
}

// laporText is the follow-up to paste into SP4N-LAPOR!.
func laporText(p *letters.Profile, l *letters.Letter, doc *letters.IssuedDocument, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tindak lanjut %s atas laporan %s:\n\n", p.Office.Name, l.LaporID)
	b.WriteString(body)
	fmt.Fprintf(&b, "\n\n%s nomor %s, ditandatangani %s (%s).", doc.Title, doc.Number, doc.Signer.Name, doc.Signer.Position)
	return b.String()
}
