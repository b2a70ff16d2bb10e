package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"naskah/letters"
)

// signRecord keeps a document's approval record with the office key's
// signature over it, when the signer can sign records.
func signRecord(ctx context.Context, tx *Tx, signer letters.Signer, docID int64, record []byte) error {
	rs, ok := signer.(letters.RecordSigner)
	if !ok {
		return nil
	}
	sig, err := rs.SignRecord(record)
	if err != nil {
		return fmt.Errorf("store: sign approval record: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE documents SET record = ?, record_sig = ? WHERE id = ?`,
		string(record), base64.StdEncoding.EncodeToString(sig), docID)
	if err != nil {
		return fmt.Errorf("store: keep approval record: %w", err)
	}
	return nil
}

// checkRecord verifies the approval record of a document: its signature by
// the office key and that it names the stored file. It returns a reason in
// Indonesian when it does not hold, "" when it does or there is none.
func checkRecord(ctx context.Context, tx *Tx, signer letters.Signer, doc *letters.IssuedDocument) (string, error) {
	rs, ok := signer.(letters.RecordSigner)
	if !ok {
		return "", nil
	}
	var record, sig64 string
	err := tx.QueryRowContext(ctx, `SELECT record, record_sig FROM documents WHERE id = ?`, doc.ID).Scan(&record, &sig64)
	if err != nil {
		return "", fmt.Errorf("store: read approval record: %w", err)
	}
	if record == "" {
		return "", nil // signed before records were kept
	}
	sig, err := base64.StdEncoding.DecodeString(sig64)
	if err != nil || rs.VerifyRecord([]byte(record), sig) != nil {
		return "Catatan persetujuan dokumen " + doc.Number + " telah diubah: tanda tangannya tidak sah.", nil
	}
	var r struct {
		Number string `json:"number"`
		SHA256 string `json:"sha256"`
	}
	if err := json.Unmarshal([]byte(record), &r); err != nil || r.SHA256 != doc.SHA256 || r.Number != doc.Number {
		return "Catatan persetujuan tidak cocok dengan dokumen " + doc.Number + ".", nil
	}
	return "", nil
}
