package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// loadReport is what `naskah load` prints.
type loadReport struct {
	URL      string       `json:"url"`
	Sessions int          `json:"sessions"`
	Rate     float64      `json:"target_rate,omitempty"` // --rate: requests/s asked of all sessions together
	Seconds  float64      `json:"seconds"`
	Requests int          `json:"requests"`
	Errors   int          `json:"errors"`
	PerSec   float64      `json:"requests_per_second"`
	Kinds    []kindReport `json:"kinds"`
	// CPU time per request while the sessions worked (load_cpu.go): the
	// server's when --server-pid was given, and the load generator's own.
	ServerCPUms float64 `json:"server_cpu_ms_per_request,omitempty"`
	LoadCPUms   float64 `json:"load_cpu_ms_per_request,omitempty"`
}

// kindReport is the figures of one kind of request; latencies in ms.
type kindReport struct {
	Kind     string  `json:"kind"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	PerSec   float64 `json:"requests_per_second"`
	P50      float64 `json:"p50_ms"`
	P95      float64 `json:"p95_ms"`
	P99      float64 `json:"p99_ms"`
	Max      float64 `json:"max_ms"`
	Sample   string  `json:"first_error,omitempty"`
}

// runLoadTest signs the sessions in (not measured), then lets them work
// until the duration ends or the request budget is spent.
func runLoadTest(ctx context.Context, c loadConfig) (*loadReport, error) {
	if c.serverPID > 0 {
		if _, err := processCPU(c.serverPID); err != nil {
			return nil, err
		}
	}
	tr := &http.Transport{MaxIdleConns: c.sessions * 2, MaxIdleConnsPerHost: c.sessions * 2,
		IdleConnTimeout: time.Minute, DisableCompression: true}
	defer tr.CloseIdleConnections()
	sessions := make([]*session, c.sessions)
	var wg sync.WaitGroup
	errs := make([]error, c.sessions)
	for i := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sessions[i], errs[i] = newSession(&c, tr, c.users[i%len(c.users)], uint64(i)+1)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	stats := map[string]*loadStats{}
	for _, k := range loadKinds {
		stats[k.name] = &loadStats{}
	}
	ctx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	var taken atomic.Int64
	before := cpuClock{serverPID: c.serverPID}
	before.sample()
	start := time.Now()
	for i, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pace := newPacer(start, c.rate, c.sessions, i)
			for ctx.Err() == nil {
				if c.max > 0 && taken.Add(1) > c.max {
					return
				}
				kind := s.pick()
				t, ok := pace.wait(ctx)
				if !ok {
					return
				}
				err := s.do(ctx, kind)
				if ctx.Err() != nil {
					return // cut off by the end of the run, not a failure
				}
				stats[kind].add(time.Since(t), err)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	after := cpuClock{serverPID: c.serverPID}
	after.sample()

	rep := &loadReport{URL: c.base, Sessions: c.sessions, Rate: c.rate, Seconds: elapsed.Seconds()}
	for _, k := range loadKinds {
		st := stats[k.name]
		kr := kindReport{Kind: k.name, Requests: len(st.lat), Errors: st.errors, Sample: st.sample,
			PerSec: float64(len(st.lat)) / elapsed.Seconds()}
		if len(st.lat) > 0 {
			slices.Sort(st.lat)
			q := func(p float64) float64 {
				i := min(int(p*float64(len(st.lat))), len(st.lat)-1)
				return float64(st.lat[i].Microseconds()) / 1000
			}
			kr.P50, kr.P95, kr.P99, kr.Max = q(0.50), q(0.95), q(0.99), q(1)
		}
		rep.Requests += kr.Requests
		rep.Errors += kr.Errors
		rep.Kinds = append(rep.Kinds, kr)
	}
	rep.PerSec = float64(rep.Requests) / elapsed.Seconds()
	rep.cpuPerRequest(before, after)
	if after.err != nil {
		return nil, after.err
	}
	return rep, nil
}

// kindLabels name the kinds for people.
var kindLabels = map[string]string{"tugas": "Tugas saya (/tugas)", "agenda": "Buku agenda (/agenda)",
	"surat": "Halaman kasus (/surat/ID)", "cari": "Pencarian (/agenda?q=)", "pdf": "Tanda bukti PDF"}

func (r *loadReport) print(w io.Writer) {
	pace := ""
	if r.Rate > 0 {
		pace = fmt.Sprintf(" dengan laju sasaran %.0f/detik", r.Rate)
	}
	fmt.Fprintf(w, "Uji beban %s: %d sesi%s, %.1f detik, %d permintaan (%.0f/detik), %d galat.\n\n",
		r.URL, r.Sessions, pace, r.Seconds, r.Requests, r.PerSec, r.Errors)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "JENIS\tJUMLAH\t/DETIK\tP50 ms\tP95 ms\tP99 ms\tMAKS ms\tGALAT\t")
	for _, k := range r.Kinds {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t\n", kindLabels[k.Kind], k.Requests, k.PerSec,
			k.P50, k.P95, k.P99, k.Max, k.Errors)
	}
	tw.Flush()
	if r.ServerCPUms > 0 {
		fmt.Fprintf(w, "\nWaktu CPU server: %.2f ms per permintaan.", r.ServerCPUms)
	}
	if r.LoadCPUms > 0 {
		fmt.Fprintf(w, "\nWaktu CPU penguji beban: %.2f ms per permintaan.\n", r.LoadCPUms)
	}
	for _, k := range r.Kinds {
		if k.Sample != "" {
			fmt.Fprintf(w, "Galat pertama %s: %s\n", kindLabels[k.Kind], k.Sample)
		}
	}
}
