package letters_test

import (
	"strings"
	"testing"

	"naskah/letters"
)

func TestFormatPercent(t *testing.T) {
	for rate, want := range map[float64]string{0.875: "87,5%", 1: "100%", 0: "0%", 2.0 / 3: "66,7%"} {
		if got := letters.FormatPercent(rate); got != want {
			t.Errorf("FormatPercent(%v) = %q, want %q", rate, got, want)
		}
	}
}

// The cover letter of each seeded duty: addressed to the recipient c.q.
// the office it goes through, drafted by the responsible position, signed
// by the head, numbered apart from the answers.
func TestReportCoverChainAndAddressee(t *testing.T) {
	for _, tc := range []struct{ slug, chain, number string }{
		{"bkad-kalbar", "kasubag_rkme:draft sekretaris:paraf kepala:sign", "{kode}/{nomor}/{unit}/{bulan_romawi}/{tahun}"},
		{"disarpus-sanggau", "kasubag_umum:draft sekretaris:paraf kepala_dinas:sign", "{kode}/{nomor}/{unit}/{bulan_romawi}/{tahun}"},
	} {
		p := loadProfile(t, tc.slug)
		if len(p.Reports) == 0 {
			t.Fatalf("%s: no report duty", tc.slug)
		}
		duty := p.Reports[0]
		var chain []string
		for _, st := range p.ReportCoverChain(duty) {
			chain = append(chain, st.Position+":"+st.Step)
		}
		if got := strings.Join(chain, " "); got != tc.chain {
			t.Errorf("%s: chain = %s, want %s", tc.slug, got, tc.chain)
		}
		doc := p.ReportCoverDocument()
		if doc.Code != letters.DocReportCover || doc.NumberFormat != tc.number || doc.Fields["kode"] != "SPL" {
			t.Errorf("%s: document = %+v", tc.slug, doc)
		}
		addr := letters.ReportCoverAddressee(duty)
		if !strings.HasPrefix(addr, "Yth. "+duty.Recipient) {
			t.Errorf("%s: addressee = %q", tc.slug, addr)
		}
		if strings.Contains(addr, "c.q.") != (duty.Via != "") {
			t.Errorf("%s: addressee %q and via %q disagree", tc.slug, addr, duty.Via)
		}
	}
	p := loadProfile(t, "bkad-kalbar")
	per, _ := letters.ParsePeriod("2026-S2")
	if _, err := p.ReportDutyIndex(per, 0); letters.ErrorCode(err) != letters.EINVALID {
		t.Errorf("a semester for bkad-kalbar (monthly duty): want EINVALID, got %v", err)
	}
	oct, _ := letters.ParsePeriod("2026-10")
	if i, err := p.ReportDutyIndex(oct, 0); err != nil || p.Reports[i].Period != letters.PeriodMonthly {
		t.Errorf("ReportDutyIndex(2026-10) = %d, %v", i, err)
	}
	if _, err := p.ReportDutyIndex(oct, 5); letters.ErrorCode(err) != letters.EINVALID {
		t.Errorf("duty 5: want EINVALID, got %v", err)
	}
}
