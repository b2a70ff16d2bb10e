package store

import (
	"context"
	"fmt"
	"strings"

	"naskah/letters"
)

// QueueDocumentMail queues every signed document waiting for delivery by
// email (letters.DeliverEmail, not delivered, not queued) with its PDF.
// Sending it (MarkMailSent) marks the document delivered in the same
// transaction as the sent copy, so a kill between the two cannot leave
// the case waiting for a mail that went out.
func (s *MailService) QueueDocumentMail(ctx context.Context) (int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM documents WHERE delivery = ? AND delivered_at IS NULL
		AND id NOT IN (SELECT document_id FROM mail_outbox WHERE document_id IS NOT NULL) ORDER BY id`, letters.DeliverEmail)
	if err != nil {
		tx.Rollback()
		return 0, fmt.Errorf("store: pending documents: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			tx.Rollback()
			return 0, fmt.Errorf("store: pending documents: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	var docs []*letters.IssuedDocument
	for _, id := range ids {
		doc, err := findDocument(ctx, tx, `id = ?`, id)
		if err != nil {
			tx.Rollback()
			return 0, err
		}
		docs = append(docs, doc)
	}
	tx.Rollback()

	sys := letters.NewContextWithUser(ctx, &letters.User{Username: "email", Name: "Pengiriman email"})
	n := 0
	for _, doc := range docs {
		m, err := s.documentMail(ctx, doc)
		if err != nil {
			return n, err
		}
		if err := s.QueueMail(sys, m); err != nil {
			switch letters.ErrorCode(err) {
			case letters.EINVALID, letters.ENOTFOUND, letters.ETOOLARGE:
				continue // cannot go by email (e.g. no address): one document never blocks the others
			}
			if isUnique(err) {
				continue // queued meanwhile by another process
			}
			return n, err
		}
		n++
	}
	return n, nil
}

// documentMail is the email that delivers doc to the complainant.
func (s *MailService) documentMail(ctx context.Context, doc *letters.IssuedDocument) (*letters.OutgoingMail, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	l, err := findLetter(ctx, tx, "id = ?", doc.LetterID)
	if err != nil {
		return nil, err
	}
	pdf, err := (&WorkflowService{db: s.db}).readDocument(doc)
	if err != nil {
		return nil, err
	}
	kind := letters.MailKindAnswer
	if strings.Contains(strings.ToLower(doc.Type), "kelengkapan") {
		kind = letters.MailKindKelengkapan
	}
	name := l.Complainant.Name
	if name == "" {
		name = "Bapak/Ibu"
	}
	p := s.db.Profile
	text := fmt.Sprintf("Yth. %s,\n\nBersama ini kami sampaikan %s nomor %s atas surat/pengaduan Anda "+
		"(kode lacak %s). Dokumen bertanda tangan elektronik terlampir; keasliannya dapat diperiksa dengan kode "+
		"verifikasi %s.\n\nBila ada yang perlu disampaikan, balas email ini.\n\nHormat kami,\n%s",
		name, doc.Title, doc.Number, l.TrackingCode, doc.VerifyCode, p.Office.Name)
	file := strings.NewReplacer("/", "-", `\`, "-").Replace(doc.Title+" "+doc.Number) + ".pdf"
	return &letters.OutgoingMail{LetterID: l.ID, Kind: kind, DocumentID: doc.ID, Text: text,
		Subject:     doc.Title + " " + doc.Number,
		Attachments: []letters.MailPart{{Name: file, ContentType: "application/pdf", Data: pdf}}}, nil
}

// markDocumentSent completes the email delivery of a document inside tx,
// as WorkflowService.MarkSent does on its own.
func markDocumentSent(ctx context.Context, tx *Tx, id int64) error {
	doc, err := findDocument(ctx, tx, `id = ?`, id)
	if err != nil {
		return err
	}
	if doc.Delivery != letters.DeliverEmail || doc.DeliveredAt != nil {
		return nil // delivered another way meanwhile: the mail is still recorded
	}
	d, err := findDraft(ctx, tx, doc.DraftID)
	if err != nil {
		return err
	}
	if err := completeDelivery(ctx, tx, doc, d, nil, "Terkirim melalui email."); err != nil {
		return err
	}
	return appendAudit(ctx, tx, &letters.AuditEntry{Action: "document.sent", Entity: "letter", EntityID: doc.LetterID,
		Actor: "email", Detail: "Dokumen " + doc.Number + " terkirim melalui email."})
}
