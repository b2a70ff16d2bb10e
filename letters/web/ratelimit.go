package web

import (
	"sync"
	"time"
)

// limiter is a sliding-window rate limit per key (a client's IP address):
// at most n events in any window. It is kept in memory; a restart forgets
// it, which is fine against floods.
type limiter struct {
	n      int
	window time.Duration
	now    func() time.Time

	mu     sync.Mutex
	events map[string][]time.Time // oldest first, all within window
	swept  time.Time
}

// maxLimiterKeys bounds the memory a flood from many addresses can take;
// beyond it the oldest keys are dropped at the next sweep.
const maxLimiterKeys = 100_000

func newLimiter(n int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{n: n, window: window, now: now, events: map[string][]time.Time{}}
}

// take records an event for key if fewer than n happened in the window and
// reports whether it did; otherwise it returns how long until one expires.
func (l *limiter) take(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	ev := l.recent(key, now)
	if len(ev) >= l.n {
		return false, ev[0].Add(l.window).Sub(now)
	}
	l.events[key] = append(ev, now)
	return true, 0
}

// giveBack forgets the newest event of key: the event it stood for did not
// happen after all (e.g. the complaint was rejected as invalid).
func (l *limiter) giveBack(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ev := l.events[key]; len(ev) > 0 {
		l.events[key] = ev[:len(ev)-1]
	}
}

// recent returns key's events still within the window at now.
func (l *limiter) recent(key string, now time.Time) []time.Time {
	ev := l.events[key]
	i := 0
	for i < len(ev) && now.Sub(ev[i]) >= l.window {
		i++
	}
	ev = ev[i:]
	if len(ev) == 0 {
		delete(l.events, key)
	}
	return ev
}

// sweep drops expired keys once per window, and all keys when there are
// too many of them.
func (l *limiter) sweep(now time.Time) {
	if len(l.events) > maxLimiterKeys {
		clear(l.events)
	}
	if now.Sub(l.swept) < l.window {
		return
	}
	l.swept = now
	for key := range l.events {
		l.recent(key, now)
	}
}
