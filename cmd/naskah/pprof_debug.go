//go:build naskahpprof

package main

import (
	"net/http"
	_ "net/http/pprof" // profiling endpoints on a loopback port, throwaway builds only
	"os"
	"strings"
)

// With NASKAH_PPROF=127.0.0.1:PORT, `naskah serve` (also when a test runs
// it as a child, its arguments in NASKAH_TEST_ARGS) serves the profiling
// endpoints there; other commands and the test binary itself do not.
func init() {
	addr := os.Getenv("NASKAH_PPROF")
	args := os.Args[1:]
	if t := os.Getenv("NASKAH_TEST_ARGS"); t != "" {
		args = strings.Split(t, "\x1f")
	}
	if addr != "" && len(args) > 0 && args[0] == "serve" {
		go http.ListenAndServe(addr, nil)
	}
}
