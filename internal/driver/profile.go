package driver

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiles starts the profiles the command line asks for and returns
// the function that finishes them; a profile that cannot be written is
// an error of the run, not a reason to skip the analysis.
func (inv *invocation) startProfiles() (stop func() error, err error) {
	stopCPU := func() error { return nil }
	if path := inv.opts.cpuProfile; path != "" {
		f, err := os.Create(path)
		if err != nil {
			return nil, fmt.Errorf("-cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("-cpuprofile: %v", err)
		}
		stopCPU = func() error {
			pprof.StopCPUProfile()
			return f.Close()
		}
	}
	stopTrace, err := startTrace(inv.opts.trace)
	if err != nil {
		stopCPU()
		return nil, fmt.Errorf("-trace: %v", err)
	}
	return func() error {
		if err := stopTrace(); err != nil {
			return fmt.Errorf("-trace: %v", err)
		}
		if err := stopCPU(); err != nil {
			return fmt.Errorf("-cpuprofile: %v", err)
		}
		if path := inv.opts.memProfile; path != "" {
			if err := writeHeapProfile(path); err != nil {
				return fmt.Errorf("-memprofile: %v", err)
			}
		}
		return nil
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // the profile's live figures are as of the last collection
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// startTrace starts an execution trace (multichecker's -trace) into
// path, if path is set, and returns the function that ends it.
func startTrace(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		trace.Stop()
		return f.Close()
	}, nil
}
