package driver

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
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
	return func() error {
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
