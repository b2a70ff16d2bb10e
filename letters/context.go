package letters

import "context"

type contextKey int

const userContextKey contextKey = iota + 1

// NewContextWithUser returns a copy of ctx carrying the signed-in user.
func NewContextWithUser(ctx context.Context, user *User) context.Context {
	return context.WithValue(ctx, userContextKey, user)
}

// UserFromContext returns the signed-in user, or nil when there is none.
func UserFromContext(ctx context.Context) *User {
	user, _ := ctx.Value(userContextKey).(*User)
	return user
}

// UserIDFromContext returns the signed-in user's ID, or 0.
func UserIDFromContext(ctx context.Context) int64 {
	if user := UserFromContext(ctx); user != nil {
		return user.ID
	}
	return 0
}
