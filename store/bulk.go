package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"naskah/letters"
)

// BulkOptions says what BulkLoadLetters writes.
type BulkOptions struct {
	// Letters is the number of cases to add.
	Letters int
	// Years spreads them over the working days from 1 January of the year
	// Years-1 before this one up to yesterday (default 2).
	Years int
	// Batch is the number of letters per transaction (default 20,000).
	Batch int
	// Seed makes the data reproducible (default 1).
	Seed uint64
	// Progress, when set, is called after each committed batch.
	Progress func(done, total int)
}

// BulkResult counts what BulkLoadLetters wrote.
type BulkResult struct {
	Letters int            `json:"letters"`
	Events  int            `json:"events"`
	Numbers int            `json:"numbers"`
	Audit   int            `json:"audit"`
	FirstID int64          `json:"first_id"`
	LastID  int64          `json:"last_id"`
	Status  map[string]int `json:"status"`
	Channel map[string]int `json:"channel"`
}

// BulkLoadLetters fills the database with realistic cases for benchmarks:
// letters received in office hours on the office's working days (holidays
// and weekends skipped) across years and every channel of the profile, each
// with its agenda number (gapless per year, in the numbers table), deadlines
// from the profile and calendar, timeline rows, hash-chained audit rows and
// the full-text index (by the schema's trigger). Old cases are mostly
// closed; recent ones are registered, verified, returned as incomplete or
// escalated. It writes in large transactions without fsync per commit
// (synchronous=OFF, restored afterwards) and is meant for a data directory
// no server is using.
//
// What it skips: attachments and their scans, dispositions, drafts and
// signed documents (so no case is in the disposed..delivered stages), and
// mail. Cases are added after whatever the directory already holds, so ids
// and audit rows of earlier cases (e.g. the demo) come first.
func (db *DB) BulkLoadLetters(ctx context.Context, o BulkOptions) (*BulkResult, error) {
	if o.Letters <= 0 {
		return nil, letters.Errorf(letters.EINVALID, "Jumlah surat harus lebih dari 0.")
	}
	if o.Years <= 0 {
		o.Years = 2
	}
	if o.Batch <= 0 {
		o.Batch = 20_000
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	g, err := db.newBulkGen(ctx, o)
	if err != nil {
		return nil, err
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: bulk: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous = OFF`); err != nil {
		return nil, fmt.Errorf("store: bulk: %w", err)
	}
	defer conn.ExecContext(context.Background(), `PRAGMA synchronous = FULL`)
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -131072`); err != nil {
		return nil, fmt.Errorf("store: bulk: %w", err)
	}
	defer conn.ExecContext(context.Background(), `PRAGMA cache_size = -2000`)

	res := &BulkResult{Status: map[string]int{}, Channel: map[string]int{}}
	for done := 0; done < o.Letters; {
		n := min(o.Batch, o.Letters-done)
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return res, fmt.Errorf("store: bulk: %w", err)
		}
		w, err := newBulkWriter(ctx, tx)
		if err == nil {
			err = g.writeBatch(ctx, w, done, n, res)
			w.close()
		}
		if err == nil {
			err = tx.Commit()
		}
		if err != nil {
			tx.Rollback()
			return res, fmt.Errorf("store: bulk: %w", err)
		}
		done += n
		if o.Progress != nil {
			o.Progress(done, o.Letters)
		}
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA optimize`); err != nil {
		return res, fmt.Errorf("store: bulk: optimize: %w", err)
	}
	return res, nil
}

// bulkUser is a user who acts on the bulk cases.
type bulkUser struct {
	id             int64
	name, position string
	username       string
}

// bulkGen generates the cases; it is deterministic for a seed.
type bulkGen struct {
	db       *DB
	rng      *rand.Rand
	o        BulkOptions
	days     []time.Time // working days, midnight local
	now      time.Time
	agenda   *letters.Document
	format   *letters.NumberFormat
	seq      map[int]int // agenda seq per year
	codes    map[string]bool
	receiver map[string]bulkUser // per channel
	actor    map[letters.Action]bulkUser
	nik      *nikCipher // complainants' NIK are stored sealed (nik_crypt.go)
	lastID   int64      // audit
	lastHash string
	laporSeq int
}

func (db *DB) newBulkGen(ctx context.Context, o BulkOptions) (*bulkGen, error) {
	p := db.Profile
	g := &bulkGen{db: db, rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)), o: o,
		now: db.Now(), seq: map[int]int{}, codes: map[string]bool{},
		receiver: map[string]bulkUser{}, actor: map[letters.Action]bulkUser{}}
	if g.agenda = p.Document(p.Agenda); g.agenda == nil {
		return nil, fmt.Errorf("store: bulk: profile %s has no agenda document %q", p.Slug, p.Agenda)
	}
	var err error
	if g.format, err = letters.ParseNumberFormat(g.agenda.NumberFormat); err != nil {
		return nil, err
	}
	if g.nik, err = db.nik.get(true); err != nil {
		return nil, err
	}
	loc := db.Calendar.Location()
	today := g.now.In(loc)
	start := time.Date(today.Year()-o.Years+1, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
	for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
		if db.Calendar.IsWorkingDay(d.Add(12 * time.Hour)) {
			g.days = append(g.days, d)
		}
	}
	if len(g.days) == 0 {
		return nil, errors.New("store: bulk: no working day in the range")
	}

	rows, err := db.write.QueryContext(ctx, `SELECT id, username, name, position FROM users WHERE active ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: bulk: users: %w", err)
	}
	var users []bulkUser
	for rows.Next() {
		var u bulkUser
		if err := rows.Scan(&u.id, &u.username, &u.name, &u.position); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: bulk: users: %w", err)
		}
		users = append(users, u)
	}
	rows.Close()
	if len(users) == 0 {
		return nil, letters.Errorf(letters.EINVALID, "Belum ada pengguna; buat kantor contoh dulu (`naskah demo`).")
	}
	holding := func(positions ...string) bulkUser {
		for _, u := range users {
			if slices.Contains(positions, u.position) {
				return u
			}
		}
		return users[0]
	}
	for _, ch := range p.Channels {
		g.receiver[ch.Code] = holding(ch.Receiver)
	}
	for _, r := range p.Actions {
		g.actor[r.Action] = holding(r.Positions...)
	}
	for _, a := range []letters.Action{letters.ActionVerify, letters.ActionReturn, letters.ActionClose, letters.ActionEscalate} {
		if _, ok := g.actor[a]; !ok {
			g.actor[a] = users[0]
		}
	}

	// Continue the agenda numbers, the tracking codes and the audit chain.
	nrows, err := db.write.QueryContext(ctx, `SELECT year, MAX(seq) FROM numbers
		WHERE document = ? AND suffix = '' GROUP BY year`, g.agenda.Code)
	if err != nil {
		return nil, fmt.Errorf("store: bulk: numbers: %w", err)
	}
	for nrows.Next() {
		var y, s int
		if err := nrows.Scan(&y, &s); err != nil {
			nrows.Close()
			return nil, fmt.Errorf("store: bulk: numbers: %w", err)
		}
		g.seq[y] = s
	}
	nrows.Close()
	crows, err := db.write.QueryContext(ctx, `SELECT tracking_code FROM letters`)
	if err != nil {
		return nil, fmt.Errorf("store: bulk: tracking codes: %w", err)
	}
	for crows.Next() {
		var c string
		if err := crows.Scan(&c); err != nil {
			crows.Close()
			return nil, fmt.Errorf("store: bulk: tracking codes: %w", err)
		}
		g.codes[c] = true
	}
	crows.Close()
	err = db.write.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&g.lastID, &g.lastHash)
	if err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("store: bulk: last audit row: %w", err)
	}
	if err := db.write.QueryRowContext(ctx, `SELECT COUNT(*) FROM letters WHERE lapor_id IS NOT NULL`).Scan(&g.laporSeq); err != nil {
		return nil, fmt.Errorf("store: bulk: %w", err)
	}
	return g, nil
}

// receivedAt is the time of the i-th of n letters: spread evenly over the
// working days, in office hours (07:30–16:00), increasing with i.
func (g *bulkGen) receivedAt(i int) time.Time {
	pos := float64(i) / float64(g.o.Letters) * float64(len(g.days))
	day := int(pos)
	frac := pos - float64(day)
	const open, hours = 7*time.Hour + 30*time.Minute, 8*time.Hour + 30*time.Minute
	return g.days[day].Add(open + time.Duration(frac*float64(hours))).UTC().Truncate(time.Millisecond)
}

// trackingCode returns a code no letter has.
func (g *bulkGen) trackingCode() string {
	for {
		c := letters.NewTrackingCode()
		if !g.codes[c] {
			g.codes[c] = true
			return c
		}
	}
}
