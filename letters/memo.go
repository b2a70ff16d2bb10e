package letters

import (
	"context"
	"sync"
)

// A request's memo: what the services work out about the signed-in user
// once per request and may reuse within it (the positions the user holds
// and acts for today). A page asked for them up to four times — the
// second-factor rule, the visibility of letters, the navigation's count,
// the page itself — two queries each (issue 8). The web layer opens a memo
// for requests that change nothing (GET, HEAD), so a write never reads a
// value from before itself; without one, Remember simply computes.

const memoContextKey contextKey = userContextKey + 1

type requestMemo struct {
	mu sync.Mutex
	m  map[any]any
}

// NewContextWithMemo returns a copy of ctx with an empty request memo.
func NewContextWithMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoContextKey, &requestMemo{m: map[any]any{}})
}

// Remember returns the value kept under key in ctx's request memo, or
// computes it with compute and keeps it (errors are not kept). Without a
// memo in ctx it computes every time. Values must not be changed by
// callers: they are shared within the request.
func Remember[T any](ctx context.Context, key any, compute func() (T, error)) (T, error) {
	memo, _ := ctx.Value(memoContextKey).(*requestMemo)
	if memo == nil {
		return compute()
	}
	memo.mu.Lock()
	v, ok := memo.m[key]
	memo.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	val, err := compute()
	if err != nil {
		return val, err
	}
	memo.mu.Lock()
	memo.m[key] = val
	memo.mu.Unlock()
	return val, nil
}
