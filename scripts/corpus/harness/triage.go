//go:build unix

package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
)

// verdict is one human judgement of a diagnostic, kept in the triage file
// so that it survives re-runs: the corpus is pinned, so positions are
// stable while messages may be reworded.
type verdict struct {
	Class  string // TP, FP or debatable
	Key    string // module/path/file.go:line: analyzer
	Reason string
}

var classes = []string{"TP", "FP", "debatable"}

// readTriage reads lines of the form "CLASS | KEY | reason"; # starts a
// comment line. A missing file holds no verdicts.
func readTriage(file string) (map[string]verdict, error) {
	f, err := os.Open(file)
	if os.IsNotExist(err) {
		return map[string]verdict{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]verdict{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "|", 3)
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s:%d: want CLASS | KEY | reason", file, n)
		}
		v := verdict{strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.TrimSpace(parts[2])}
		if !contains(classes, v.Class) {
			return nil, fmt.Errorf("%s:%d: class %q is not one of %v", file, n, v.Class, classes)
		}
		out[v.Key] = v
	}
	return out, sc.Err()
}

// triaged is a diagnostic of the triage sample with its verdict, if any.
type triaged struct {
	Diag    diag
	Verdict *verdict
}

// tally counts the verdicts of one analyzer.
type tally struct {
	TP, FP, Debatable, Untriaged int
}

// Precision is TP / (TP + FP); debatable verdicts are reported apart.
func (t tally) Precision() string {
	if t.TP+t.FP == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%% (%d/%d)", 100*float64(t.TP)/float64(t.TP+t.FP), t.TP, t.TP+t.FP)
}

// Strict counts debatable verdicts as false positives: TP / all triaged.
func (t tally) Strict() string {
	n := t.TP + t.FP + t.Debatable
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(t.TP)/float64(n))
}

// triage picks the sample (every diagnostic, or a seeded random sample of
// -sample of them) and attaches the verdicts.
func (r *report) triage(verdicts map[string]verdict) {
	var all []diag
	ran := map[string]bool{}
	for _, m := range r.Modules {
		all = append(all, m.Diags...)
		if m.PrepErr == "" {
			ran[m.Mod.Path] = true
		}
	}
	sortDiags(all)
	sample := all
	if len(all) > r.Sample {
		rng := rand.New(rand.NewPCG(r.Seed, r.Seed))
		idx := rng.Perm(len(all))[:r.Sample]
		sort.Ints(idx)
		sample = make([]diag, len(idx))
		for i, j := range idx {
			sample[i] = all[j]
		}
		r.Sampled = true
	}
	r.Tallies = map[string]*tally{}
	reported := map[string]bool{}
	for _, d := range all {
		reported[d.key()] = true
	}
	for _, d := range sample {
		t := r.Tallies[d.Analyzer]
		if t == nil {
			t = &tally{}
			r.Tallies[d.Analyzer] = t
		}
		v, ok := verdicts[d.key()]
		item := triaged{Diag: d}
		if ok {
			item.Verdict = &v
		}
		switch {
		case !ok:
			t.Untriaged++
		case v.Class == "TP":
			t.TP++
		case v.Class == "FP":
			t.FP++
		default:
			t.Debatable++
		}
		r.Triaged = append(r.Triaged, item)
	}
	// Verdicts on diagnostics no longer reported: fixed false positives,
	// or true positives lost.
	for _, v := range verdicts {
		if !reported[v.Key] && ran[moduleOfKey(v.Key, r.Modules)] {
			r.Stale = append(r.Stale, v)
		}
	}
	sort.Slice(r.Stale, func(i, j int) bool { return r.Stale[i].Key < r.Stale[j].Key })
}

func moduleOfKey(key string, mods []*moduleResult) string {
	best := ""
	for _, m := range mods {
		if strings.HasPrefix(key, m.Mod.Path+"/") && len(m.Mod.Path) > len(best) {
			best = m.Mod.Path
		}
	}
	return best
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
