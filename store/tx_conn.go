package store

import (
	"context"
	"database/sql"
	"fmt"
)

// sqlTx is what a Tx runs its statements on: a *sql.Tx, or connTx.
type sqlTx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	Exec(query string, args ...any) (sql.Result, error)
	QueryRow(query string, args ...any) *sql.Row
	Commit() error
	Rollback() error
}

var _ sqlTx = (*sql.Tx)(nil)

// connTx is a write transaction run by hand (BEGIN IMMEDIATE ... COMMIT) on
// one connection, for the mail batch. database/sql gives every *sql.Tx a
// cancellable context, and then starts a goroutine for each query's rows
// to watch it: with a handful of queries per message that was a tenth of
// an import's CPU (goroutine starts and futex wake-ups). On a *sql.Conn
// with a context that is never cancelled no goroutine starts.
type connTx struct {
	*sql.Conn
	ctx  context.Context
	done bool
}

// beginConnTx begins a write transaction on c. ctx must never be
// cancelled (context.Background()).
func beginConnTx(ctx context.Context, c *sql.Conn) (*connTx, error) {
	if _, err := c.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return nil, err
	}
	return &connTx{Conn: c, ctx: ctx}, nil
}

func (t *connTx) Exec(query string, args ...any) (sql.Result, error) {
	return t.ExecContext(t.ctx, query, args...)
}

func (t *connTx) QueryRow(query string, args ...any) *sql.Row {
	return t.QueryRowContext(t.ctx, query, args...)
}

// Commit commits the transaction. After a failed commit the transaction
// may still be open: Rollback then ends it (or fails, when the commit
// already did, and the caller closes the connection to be sure).
func (t *connTx) Commit() error {
	if t.done {
		return sql.ErrTxDone
	}
	if _, err := t.ExecContext(t.ctx, `COMMIT`); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	t.done = true
	return nil
}

// Rollback ends the transaction without keeping anything; after Commit it
// does nothing.
func (t *connTx) Rollback() error {
	if t.done {
		return sql.ErrTxDone
	}
	t.done = true
	_, err := t.ExecContext(t.ctx, `ROLLBACK`)
	return err
}
