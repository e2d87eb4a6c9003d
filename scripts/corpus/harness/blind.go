//go:build unix

package main

import (
	"fmt"
	"sort"
	"strings"
)

// blindSection is a blind group's part of the report. It must name no
// file, package, function or identifier a finding is in: the group is
// measured so that ctxlint's precision is known on code nobody tuned it
// to, which holds only while nobody changing ctxlint sees its findings. So it gives, per analyzer, the number of findings and of each
// verdict, the families of false positives and debatable findings in the
// triage file's abstract words, and the checks as counts. The full listing
// goes to the work directory (fullMarkdown).
func (r *report) blindSection() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	names := analyzerNames()
	p("## %s group", title(r.Group))
	p("")
	p("%s", blindIntro[r.Group])
	p("")
	r.writeHeader(p)

	p("### Modules")
	p("")
	p("| module | packages | lines (non-test) | lines (test) |")
	p("|---|---|---|---|")
	var lines, testLines int
	for _, m := range r.Modules {
		if m.PrepErr != "" {
			p("| %s | not prepared | | |", m.Mod)
			continue
		}
		lines += m.Lines
		testLines += m.TestLines
		p("| %s | %d | %d | %d |", m.Mod, m.Packages, m.Lines, m.TestLines)
	}
	p("| all | | %d | %d |", lines, testLines)
	p("")

	p("### Precision")
	p("")
	total := 0
	for _, n := range names {
		total += r.tally(n).Findings
	}
	if r.Sampled {
		p("ctxlint reported %d findings; a random sample of %d of them (seed %d) was triaged.", total, len(r.Triaged), r.Seed)
	} else {
		p("ctxlint reported %d findings, every one triaged by reading the code around it.", total)
	}
	p("TP is a real defect a maintainer would fix, FP a finding on correct code, debatable one that is technically true and harmless. Precision is TP/(TP+FP); strict precision is TP over all triaged findings (debatable counted as not real). The goal is at least 90%% and 75%% for every analyzer with findings.")
	p("")
	p("| analyzer | findings | TP | FP | debatable | untriaged | precision | strict |")
	p("|---|---|---|---|---|---|---|---|")
	for _, n := range names {
		t := r.tally(n)
		p("| %s | %d | %d | %d | %d | %d | %s | %s |", n, t.Findings, t.TP, t.FP, t.Debatable, t.Untriaged, t.Precision(), t.Strict())
	}
	p("")
	r.writeSnapshots(p)

	if fams := r.families(); len(fams) > 0 {
		p("### Kinds of false positives and debatable findings")
		p("")
		p("| analyzer | verdict | kind | findings |")
		p("|---|---|---|---|")
		for _, f := range fams {
			p("| %s | %s | %s | %d |", f.analyzer, f.class, mdCell(f.family), f.n)
		}
		p("")
	}

	p("### Checks")
	p("")
	var vet, misses, offered, changed, broke, broken, brokenBad, panics, errs, baseline int
	for _, m := range r.Modules {
		vet += len(m.VetDiags)
		misses += len(m.Misses)
		offered += m.Fix.Offered
		changed += len(m.Fix.Changed)
		if m.Fix.Broke {
			broke++
		}
		for _, x := range m.Broken {
			broken++
			if x.Problem != "" {
				brokenBad++
			}
		}
		panics += len(m.Panics)
		errs += len(m.Errors)
		baseline += len(m.Baseline)
	}
	p("| check | target | measured |")
	p("|---|---|---|")
	p("| go vet -lostcancel positions not reported by lostcancel2 | 0 | %d (of %d) |", misses, vet)
	p("| modules whose fixes break the build or go vet | 0 | %d (%d findings with a fix, %d files changed) |", broke, offered, changed)
	p("| broken-input runs not exiting 2 with one line | 0 | %d (of %d) |", brokenBad, broken)
	p("| panics | 0 | %d |", panics)
	p("| internal errors | 0 | %d |", errs)
	p("| baseline (go vet) failures | 0 | %d |", baseline)
	p("| verdicts on positions no longer reported | | %d |", len(r.Stale))
	p("")
	if failures := r.failureLines(); len(failures) > 0 {
		p("**Failures** (counts; the details are in the full listing):")
		p("")
		for _, f := range failures {
			p("- %s", mdEscape(f))
		}
		p("")
	}
	return b.String()
}

// blindIntro is the first line of each blind group's part of the report.
var blindIntro = map[string]string{
	groupValidation: "Measured, never used to guide a change to ctxlint: aggregates only (see the top of this report).",
	groupHoldout:    "Never run before the change it measures, measured once per change set, never used to guide a change to ctxlint: aggregates only (see the top of this report).",
}

type family struct {
	analyzer, class, family string
	n                       int
}

// families counts the FP and debatable verdicts of the triage sample by
// analyzer, class and family, most frequent first.
func (r *report) families() []family {
	count := map[family]int{}
	for _, t := range r.Triaged {
		v := t.Verdict
		if v == nil || v.Class == "TP" {
			continue
		}
		f := v.Family
		if f == "" {
			f = "(no kind given)"
		}
		count[family{t.Diag.Analyzer, v.Class, f, 0}]++
	}
	var out []family
	for f, n := range count {
		f.n = n
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.analyzer != b.analyzer {
			return a.analyzer < b.analyzer
		}
		if a.class != b.class {
			return a.class == "FP"
		}
		if a.n != b.n {
			return a.n > b.n
		}
		return a.family < b.family
	})
	return out
}

// writeSnapshots shows the figures recorded with -snapshot for the group.
func (r *report) writeSnapshots(p func(string, ...any)) {
	if len(r.Snapshots) == 0 {
		return
	}
	p("### Recorded figures")
	p("")
	p("Figures recorded with `-snapshot LABEL` (in `scripts/corpus/snapshots.txt`), each with the ctxlint commit its findings were measured at, and with the verdicts of its time.")
	p("")
	p("| recorded as | commit | analyzer | findings | TP | FP | debatable | untriaged | precision | strict |")
	p("|---|---|---|---|---|---|---|---|---|---|")
	for _, s := range r.Snapshots {
		c := s.Counts
		p("| %s | %s | %s | %d | %d | %d | %d | %d | %s | %s |", mdCell(s.Label), s.Commit, s.Analyzer, c.Findings, c.TP, c.FP, c.Debatable, c.Untriaged, c.Precision(), c.Strict())
	}
	p("")
}
