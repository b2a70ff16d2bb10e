package letters

import "slices"

// DraftChain is the approval chain a draft of type typ runs through: the
// profile's chain with its draft step taken by the drafter's position. A
// chain without a draft step gets one in front; a type without a chain
// gets draft → sign (the first position the sign action names) → deliver
// (the first position the deliver action names).
func (p *Profile) DraftChain(typ, drafter string) []ChainStep {
	var chain []ChainStep
	if d := p.Document(typ); d != nil {
		chain = slices.Clone(d.Chain)
	}
	if len(chain) == 0 {
		if pos := p.FirstAllowed(ActionSign); pos != "" {
			chain = append(chain, ChainStep{Position: pos, Step: StepSign, Label: "Menandatangani"})
		}
		if pos := p.FirstAllowed(ActionDeliver); pos != "" {
			chain = append(chain, ChainStep{Position: pos, Step: StepDeliver, Label: "Menyampaikan kepada pengadu"})
		}
	}
	if len(chain) > 0 && chain[0].Step == StepDraft {
		chain[0].Position = drafter
		return chain
	}
	return append([]ChainStep{{Position: drafter, Step: StepDraft, Label: "Menyusun konsep"}}, chain...)
}

// MayDraft reports whether position may start a draft of type typ: the
// positions of the draft action, the position of the chain's draft step,
// or, for a chain without a draft step, the position of its first step.
func (p *Profile) MayDraft(position, typ string) bool {
	if p.MayPerform(position, ActionDraft) {
		return true
	}
	if d := p.Document(typ); d != nil && len(d.Chain) > 0 {
		return d.Chain[0].Position == position
	}
	return false
}

// FirstAllowed is the first position the profile allows to perform a, or "".
func (p *Profile) FirstAllowed(a Action) string {
	for _, r := range p.Actions {
		if r.Action == a && len(r.Positions) > 0 {
			return r.Positions[0]
		}
	}
	return ""
}

// DraftableDocuments lists the document types that can be drafted for a
// letter: those with an approval chain, plus the kelengkapan notice.
func (p *Profile) DraftableDocuments() []Document {
	var out []Document
	for _, d := range p.Documents {
		if len(d.Chain) > 0 || d.Code == DocKelengkapan || d.Code == "surat_jawaban" || d.Code == "berita_acara" {
			out = append(out, d)
		}
	}
	return out
}
