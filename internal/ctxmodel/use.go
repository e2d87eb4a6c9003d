package ctxmodel

import (
	"fmt"
	"strings"
)

// Use is what a function does with one of its context parameters, as a set
// of bits: one function may, say, log with the context and also pass it to
// a database query. Every analyzer asks the same two questions of it:
// whether the function's behaviour depends on the context's cancellation
// ([Use.Observes]) and whether it does work that can block for as long as
// the context lives ([Use.BlocksUnbounded]).
type Use uint16

const (
	// UseValues: it reads the context's values or deadline, logs or traces
	// with it, compares it or returns it. Cancellation changes nothing.
	UseValues Use = 1 << iota
	// UseChecks: it branches or returns on ctx.Err() or context.Cause(ctx),
	// so a cancelled context makes it skip its work.
	UseChecks
	// UseWaits: it waits on ctx.Done() for a result (a select outside any
	// loop, with other cases): a call bound.
	UseWaits
	// UseLifetime: it waits on ctx.Done() only to stop (a bare receive, a
	// select in a loop or in a goroutine it starts, context.AfterFunc, a
	// command killed when the context ends): the context is a lifetime.
	UseLifetime
	// UseBlocks: it passes the context, with no deadline of its own, to
	// work that can block (network, HTTP, database/sql, or a parameter
	// that blocks).
	UseBlocks
	// UseBoundedWork: it does such work only under a deadline it derives
	// itself (context.WithTimeout or WithDeadline of the parameter).
	UseBoundedWork
	// UseDetaches: it derives context.WithoutCancel from it; what it does
	// with the detached context cannot observe the parameter's
	// cancellation.
	UseDetaches
	// UseCleanup: it passes the context, not detached, to a cleanup call
	// (Close, Rollback, ...) that observes it, or to a cleanup function
	// its caller gives it. A marker only: whether the function observes
	// the context is what its other bits say.
	UseCleanup
	// UseUnknown: it hands the context to something the model cannot see
	// into (a function value, an interface with no visible implementation,
	// a struct field, a function outside the analyzed code).
	UseUnknown
)

// Observes reports whether cancelling the context changes what the
// function does.
func (u Use) Observes() bool {
	return u&(UseChecks|UseWaits|UseLifetime|UseBlocks|UseBoundedWork) != 0
}

// BlocksUnbounded reports whether the function can block for as long as the
// context lives, doing work the context is meant to bound: a context that
// never expires lets it hang. That takes a round trip with the context
// (network, HTTP, database/sql); a wait on ctx.Done() for a result that
// another goroutine produces is not enough, since whether the result can
// fail to come is that goroutine's business (a client's pipeline has its
// own timeouts). A function that also uses the context as its
// lifetime (a worker loop that returns on ctx.Done(), a subscription) is
// meant to run as long as the context lives: a deadline on it would stop
// the worker, so its work inside is its own to bound.
func (u Use) BlocksUnbounded() bool {
	return u&UseBlocks != 0 && u&UseLifetime == 0
}

// Unknown reports whether the model cannot tell whether the function
// observes the context: it observes nothing it can see, and hands the
// context somewhere it cannot see.
func (u Use) Unknown() bool { return !u.Observes() && u&UseUnknown != 0 }

// Class names u by its most significant part, the vocabulary of the
// analyzers' documentation: observes, lifetime, bounds, detaches, unknown,
// values.
func (u Use) Class() string {
	switch {
	case u&(UseBlocks|UseWaits|UseChecks) != 0:
		return "observes"
	case u&UseLifetime != 0:
		return "lifetime"
	case u&UseBoundedWork != 0:
		return "bounds"
	case u&UseUnknown != 0:
		return "unknown"
	case u&UseDetaches != 0:
		return "detaches"
	}
	return "values"
}

var useNames = []string{"values", "checks", "waits", "lifetime", "blocks", "bounded", "detaches", "cleanup", "unknown"}

func (u Use) String() string {
	var parts []string
	for i, n := range useNames {
		if u&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "|")
}

// ParamUse is what a function does with its context parameter number
// Index, and why (the first use that made each part true, for messages
// and tests).
type ParamUse struct {
	Index  int
	Use    Use
	Reason string
	// Via lists the calls of the function's own function-valued
	// parameters that the context is passed to (each(ctx, items, f) calls
	// f(ctx, item)): what they do is decided by the function value each
	// caller passes.
	Via []FuncArg
}

// FuncArg is a call of parameter Param, a function value, with the
// context as its argument Arg. Bounded: the function passes a
// WithTimeout/WithDeadline child of the context it was given, which it
// cancels itself (a test runner's per-case timeout).
type FuncArg struct {
	Param, Arg int
	Bounded    bool
}

// ContextUse is the fact on a function with context parameters: what it
// does with each of them. It is computed bottom-up, once per function, and
// crosses packages as a fact, so a call's verdict depends on what the
// callee's code does, wherever it is.
type ContextUse struct {
	Params []ParamUse
	// Results describes the function values the function returns, such as
	// a cleanup closure (func(ctx context.Context) error): what each does
	// with its own context parameters.
	Results []ResultUse
	// Keeps lists the function-valued parameters the function keeps for
	// later (stores in a field, a slice or a map): a registry's Register.
	Keeps []int
	// CallsOwned lists the calls of the function's function-valued
	// parameters with a context the function made itself and only it can
	// cancel (a test harness's context.WithTimeout(context.Background(), d)).
	CallsOwned []FuncArg
}

// KeepsFunc reports whether the function keeps its function-valued
// parameter i for later instead of calling it.
func (f *ContextUse) KeepsFunc(i int) bool {
	if f == nil {
		return false
	}
	for _, k := range f.Keeps {
		if k == i {
			return true
		}
	}
	return false
}

// ResultUse is what a returned function value does with its context
// parameters.
type ResultUse struct {
	Index  int
	Params []ParamUse
}

func (*ContextUse) AFact() {}

func (f *ContextUse) String() string {
	var b strings.Builder
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString("; ")
		}
		class := p.Use.Class()
		if p.Use == 0 && len(p.Via) > 0 {
			class = "via its function argument"
		}
		fmt.Fprintf(&b, "param %d: %s [%v] (%s)", p.Index, class, p.Use, p.Reason)
	}
	for _, r := range f.Results {
		fmt.Fprintf(&b, "; result %d: %v", r.Index, r.Params)
	}
	if len(f.Keeps) > 0 {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "keeps function params %v", f.Keeps)
	}
	return b.String()
}

// param returns the use of parameter i, or ok=false when the function has
// no context parameter there.
func (f *ContextUse) param(i int) (ParamUse, bool) {
	if f == nil {
		return ParamUse{}, false
	}
	for _, p := range f.Params {
		if p.Index == i {
			return p, true
		}
	}
	return ParamUse{}, false
}
