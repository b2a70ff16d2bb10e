//go:build naskahpprof

package main

import (
	"net/http"
	_ "net/http/pprof" // profiling endpoints on a loopback port, throwaway builds only
	"os"
)

func init() {
	if addr := os.Getenv("NASKAH_PPROF"); addr != "" {
		go http.ListenAndServe(addr, nil)
	}
}
