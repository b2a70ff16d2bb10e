package main

import (
	"context"
	"time"
)

// pacer spaces one session's requests so that all sessions together ask
// for rate requests a second, as staff who read a page before the next
// one: without --rate every session asks again the moment it is answered,
// which measures the most the server can do, not how fast it answers at a
// given load. Latency is counted from the time a request was due, so a
// slow answer that delays the next request still shows in the figures
// (no coordinated omission).
type pacer struct {
	every time.Duration // 0: unpaced
	next  time.Time
}

// newPacer paces session i of n; the sessions' first requests are spread
// over one interval.
func newPacer(start time.Time, rate float64, n, i int) *pacer {
	if rate <= 0 || n <= 0 {
		return &pacer{}
	}
	every := time.Duration(float64(time.Second) * float64(n) / rate)
	return &pacer{every: every, next: start.Add(every * time.Duration(i) / time.Duration(n))}
}

// wait sleeps until the next request is due and returns the time it was
// due (now when unpaced); false when ctx ends first.
func (p *pacer) wait(ctx context.Context) (time.Time, bool) {
	if p.every == 0 {
		return time.Now(), ctx.Err() == nil
	}
	due := p.next
	p.next = p.next.Add(p.every)
	if d := time.Until(due); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return due, false
		case <-t.C:
		}
	}
	return due, true
}
