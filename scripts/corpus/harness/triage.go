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
	Family string // optional: the kind of false positive, in words that name no code
}

var classes = []string{"TP", "FP", "debatable"}

// readTriage reads lines of the form "CLASS | KEY | reason", or
// "CLASS | KEY | reason | family" (the family, an abstract phrase shared by
// verdicts of one kind, is what a blind group's report shows of
// them); # starts a comment line. A missing file holds no verdicts.
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
		v, err := parseVerdict(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, n, err)
		}
		if _, dup := out[v.Key]; dup {
			return nil, fmt.Errorf("%s:%d: a second verdict on %s", file, n, v.Key)
		}
		out[v.Key] = v
	}
	return out, sc.Err()
}

func parseVerdict(line string) (verdict, error) {
	parts := strings.SplitN(line, "|", 4)
	if len(parts) < 3 {
		return verdict{}, fmt.Errorf("want CLASS | KEY | reason [| family]")
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	v := verdict{Class: parts[0], Key: parts[1], Reason: parts[2]}
	if len(parts) == 4 {
		v.Family = parts[3]
		if v.Family == "" {
			return verdict{}, fmt.Errorf("empty family after the reason")
		}
	}
	if !contains(classes, v.Class) {
		return verdict{}, fmt.Errorf("class %q is not one of %v", v.Class, classes)
	}
	if v.Key == "" || v.Reason == "" {
		return verdict{}, fmt.Errorf("want CLASS | KEY | reason [| family], with a key and a reason")
	}
	return v, nil
}

// triaged is a diagnostic of the triage sample with its verdict, if any.
type triaged struct {
	Diag    diag
	Verdict *verdict
}

// tally counts the verdicts of one analyzer.
type tally struct {
	Findings                     int // all of the analyzer's diagnostics, sampled or not
	TP, FP, Debatable, Untriaged int // of the triage sample
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
	}
	r.Tallies, r.Triaged, r.Stale, r.Sampled = map[string]*tally{}, nil, nil, len(all) > r.Sample
	reported := map[string]bool{}
	for _, d := range all {
		reported[d.key()] = true
		r.tallyOf(d.Analyzer).Findings++
	}
	for _, d := range sample {
		t := r.tallyOf(d.Analyzer)
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

// tallyOf returns the tally of analyzer n, making it if need be.
func (r *report) tallyOf(n string) *tally {
	t := r.Tallies[n]
	if t == nil {
		t = &tally{}
		r.Tallies[n] = t
	}
	return t
}

// untriagedLines lists the triage sample's diagnostics that have no
// verdict as triage lines to be completed ("? | KEY | message"), for the
// triage file of the group.
func (r *report) untriagedLines() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s group: findings without a verdict; replace ? by TP, FP or debatable and the message by a reason\n", r.Group)
	for _, t := range r.Triaged {
		if t.Verdict == nil {
			fmt.Fprintf(&b, "? | %s | %s\n", t.Diag.key(), t.Diag.Message)
		}
	}
	return b.String()
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
