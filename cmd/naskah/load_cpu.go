package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cpuClock reads the CPU time (user + system) the load generator and,
// given its pid, the server spent: sampled when the sessions start working
// and when they stop, so the sign-ins (an argon2id hash each, about a
// tenth of a second) and the warm-up stay out of the per-request figures.
type cpuClock struct {
	serverPID int
	server    time.Duration
	self      time.Duration
	err       error
}

// clockTick is Linux's USER_HZ, the unit of /proc/PID/stat's times: 100
// on every Linux architecture Go runs on.
const clockTick = time.Second / 100

// sample records the current CPU times.
func (c *cpuClock) sample() {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		c.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if c.serverPID > 0 {
		c.server, c.err = processCPU(c.serverPID)
	}
}

// processCPU is the user + system time of process pid from /proc.
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("waktu CPU server (pid %d): %w", pid, err)
	}
	// The command name, field 2, is in parentheses and may hold spaces:
	// the fields are counted after its closing parenthesis.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("waktu CPU server (pid %d): /proc/%d/stat tidak terbaca", pid, pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("waktu CPU server (pid %d): /proc/%d/stat tidak terbaca", pid, pid)
	}
	return time.Duration(utime+stime) * clockTick, nil
}

// perRequest fills the report's CPU figures from the samples before and
// after the run.
func (r *loadReport) cpuPerRequest(before, after cpuClock) {
	if r.Requests == 0 {
		return
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(r.Requests) }
	r.LoadCPUms = ms(after.self - before.self)
	if before.serverPID > 0 && before.err == nil && after.err == nil {
		r.ServerCPUms = ms(after.server - before.server)
	}
}
