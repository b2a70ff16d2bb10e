package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMain lets a test run the naskah binary as a child process: the test
// binary re-executes itself with NASKAH_TEST_MAIN=1 and behaves as main.
func TestMain(m *testing.M) {
	if os.Getenv("NASKAH_TEST_MAIN") == "1" {
		os.Args = append([]string{"naskah"}, strings.Split(os.Getenv("NASKAH_TEST_ARGS"), "\x1f")...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// naskahCmd returns the naskah binary (this test binary) with args.
func naskahCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "NASKAH_TEST_MAIN=1", "NASKAH_TEST_ARGS="+strings.Join(args, "\x1f"))
	return cmd
}

// runNaskah runs a command in-process and returns what it printed on stdout.
func runNaskah(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := naskahCmd(t, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if err != nil {
		return out.String() + errOut.String(), err
	}
	return out.String(), nil
}

// demoDir creates a demo office and returns its directory and password.
func demoDir(t *testing.T, profile string) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if out, err := runNaskah(t, "demo", "--data", dir, "--profile", profile); err != nil {
		t.Fatalf("naskah demo: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, demoAccountsFile))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`demo-[a-z0-9]+`).FindString(string(data))
	if m == "" {
		t.Fatalf("no password in %s", data)
	}
	return dir, m
}

func TestHelpForEveryCommand(t *testing.T) {
	for name := range commands {
		var out bytes.Buffer
		cmd := naskahCmd(t, name, "--help")
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Errorf("naskah %s --help: %v\n%s", name, err, out.String())
		}
		if !strings.Contains(out.String(), "Pemakaian") {
			t.Errorf("naskah %s --help prints no usage:\n%s", name, out.String())
		}
	}
}

func TestUnknownCommandFails(t *testing.T) {
	err := run(context.Background(), []string{"terbang"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "tidak dikenal") {
		t.Fatalf("want an Indonesian refusal, got %v", err)
	}
}
