package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// restartDelay lets the answer to the save — a redirect — and the page it
// leads to be served before the server stops taking requests.
const restartDelay = time.Second

// restartOnSave is web.Server.Restart for serve: the first call marks the
// run as ending in a restart and stops the server after restartDelay;
// serveOnce then drains the requests, stops the loops and closes the
// store, and runServe re-executes the binary.
func restartOnSave(stop context.CancelFunc, logger *slog.Logger, restart *atomic.Bool) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			restart.Store(true)
			logger.Info("profil kantor disimpan: Naskah dimuat ulang", "dalam", restartDelay)
			time.AfterFunc(restartDelay, stop)
		})
	}
}

// reexec replaces this process with the same program, arguments and
// environment: the same pid, so a service manager sees no exit, and a
// fresh start that reads the saved profile. Sessions survive (the
// session key is in the data directory).
func reexec() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("muat ulang: %w", err)
	}
	if err := syscall.Exec(exe, os.Args, os.Environ()); err != nil {
		return fmt.Errorf("muat ulang %s: %w", exe, err)
	}
	return nil // not reached: Exec does not return on success
}
