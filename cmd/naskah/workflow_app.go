package main

import (
	"fmt"

	"naskah/store"
	"naskah/templates/pdf"
)

// defaultBaseURL is printed in verification QR codes when no public
// address is known (serve --base-url sets it).
const defaultBaseURL = "http://127.0.0.1:8080"

// openWorkflow wires the workflow to the built-in PDF renderer and the
// office's signer (key and certificate in the data directory, made at
// first start).
func (a *app) openWorkflow() error {
	signer, err := pdf.NewSigner(a.dir, a.profile.Office)
	if err != nil {
		return fmt.Errorf("office signing key: %w", err)
	}
	a.workflow = store.NewWorkflowService(a.db, a.renderer, signer, defaultBaseURL)
	a.delegate = store.NewDelegationService(a.db)
	return nil
}
