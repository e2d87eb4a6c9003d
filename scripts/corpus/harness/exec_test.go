//go:build unix

package main

import (
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	out := []byte("{\n\"a\": 1,\n\"b\": 2\n}\n")
	reordered := []byte("{\n\"b\": 2\n\"a\": 1,\n}\n")
	runs := []run{
		{Wall: 9 * time.Second, CPU: 3 * time.Second, MaxRSS: 500, Exit: 1, Stdout: out},
		{Wall: 2 * time.Second, CPU: 5 * time.Second, MaxRSS: 700, Exit: 1, Stdout: reordered},
		{Wall: 4 * time.Second, CPU: 4 * time.Second, MaxRSS: 600, Exit: 1, Stdout: out},
	}
	got := median(runs)
	if got.Wall != 4*time.Second || got.CPU != 4*time.Second || got.MaxRSS != 600 || got.Exit != 1 {
		t.Errorf("median = wall %v, CPU %v, RSS %d, exit %d; want 4s, 4s, 600, 1", got.Wall, got.CPU, got.MaxRSS, got.Exit)
	}

	runs[2].Stdout = []byte("{\n\"a\": 1\n}\n")
	got = median(runs)
	if got.Exit != -1 || !strings.Contains(string(got.Stderr), "nondeterministic") {
		t.Errorf("differing output: exit %d, stderr %q; want exit -1 and a nondeterminism note", got.Exit, got.Stderr)
	}
}
