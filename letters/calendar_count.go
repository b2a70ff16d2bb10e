package letters

import (
	"slices"
	"time"
)

// Counting working days by arithmetic: a report of 100,000 cases asks for
// the working days of every case, and stepping day by day through a map
// made that the largest cost of the report after writing the cells.

// dayNumber is the number of days from 1970-01-01 to date (a value from
// c.date, midnight UTC), negative before it.
func dayNumber(date time.Time) int64 {
	return floorDiv(date.Unix(), 86400)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// weekdaysBefore counts Monday–Friday days with day number < n, measured
// from Monday 1970-01-05 (day 4): negative for n before it.
func weekdaysBefore(n int64) int64 {
	k := n - 4
	weeks := floorDiv(k, 7)
	rest := k - weeks*7 // 0..6, Monday first
	return weeks*5 + min(rest, 5)
}

// addOffWeekday records a day off that falls on Monday to Friday; the
// caller holds the write lock or owns c. Weekend days off change nothing.
func (c *Calendar) addOffWeekday(t time.Time) {
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return
	}
	n := dayNumber(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	i, found := slices.BinarySearch(c.offWeek, n)
	if !found {
		c.offWeek = slices.Insert(c.offWeek, i, n)
	}
}

// WorkingDaysBetween counts the working days after a's local date up to and
// including b's local date; 0 when b's date is not after a's.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	x, y := dayNumber(c.date(a)), dayNumber(c.date(b))
	if y <= x {
		return 0
	}
	n := weekdaysBefore(y+1) - weekdaysBefore(x+1)
	c.mu.RLock()
	lo, _ := slices.BinarySearch(c.offWeek, x+1)
	hi, _ := slices.BinarySearch(c.offWeek, y+1)
	c.mu.RUnlock()
	return int(n - int64(hi-lo))
}
