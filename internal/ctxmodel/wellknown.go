package ctxmodel

import "go/types"

// The APIs the model knows by name are listed in this file, and only here:
// the functions that derive contexts (DerivationOf), the calls that never
// return (stops), and the standard library's context-taking functions
// whose behaviour is documented but hard to read off their code (a request that is sent later, a listener that forgets
// its context, a command killed when its context ends, a server waiting
// for idle connections). An entry overrides the summary computed from
// source; every other function, in the standard library or not, is
// summarised from its code.

// wellKnownFuncs classifies single functions and methods, keyed by
// [QualifiedName].
var wellKnownFuncs = map[string]Use{
	"context.Cause":         UseChecks,
	"context.AfterFunc":     UseLifetime,
	"context.WithoutCancel": UseDetaches,

	"net.Dialer.DialContext":        UseBlocks,
	"net.ListenConfig.Listen":       UseChecks, // resolves the local address; the listener ignores it
	"net.ListenConfig.ListenPacket": UseChecks,

	"crypto/tls.Dialer.DialContext":    UseBlocks,
	"crypto/tls.Conn.HandshakeContext": UseBlocks,

	"net/http.NewRequestWithContext": UseBlocks, // the request's round trip observes it
	"net/http.Request.WithContext":   UseBlocks,
	"net/http.Request.Clone":         UseBlocks,
	"net/http.Server.Shutdown":       UseBlocks, // waits for idle connections until the context ends

	"os/exec.CommandContext": UseLifetime, // kills the process when the context ends

	"os/signal.NotifyContext": UseLifetime,
}

// wellKnownPackages classifies every context-taking function of a package
// or of one of its types (key "pkg/path" or "pkg/path.Type").
var wellKnownPackages = map[string]Use{
	"context":            UseValues, // derivations: their uses are the caller's
	"log/slog":           UseValues,
	"runtime/trace":      UseValues,
	"net/http/httptrace": UseValues,
	"net.Resolver":       UseBlocks,
	"database/sql":       UseBlocks, // every *Context method, BeginTx, Conn
}

// wellKnownUse returns the table's entry for fn.
func wellKnownUse(fn *types.Func) (Use, bool) {
	name := QualifiedName(fn)
	if u, ok := wellKnownFuncs[name]; ok {
		return u, true
	}
	if recv := RecvNamed(fn); recv != nil {
		if u, ok := wellKnownPackages[fn.Pkg().Path()+"."+recv.Obj().Name()]; ok {
			return u, true
		}
	}
	u, ok := wellKnownPackages[fn.Pkg().Path()]
	return u, ok
}

// Derivation is how a result of a call derives a context from the call's
// first argument, the parent.
type Derivation int

const (
	NotDerived      Derivation = iota
	DerivedValue               // context.WithValue: the parent, with a value
	DerivedCancel              // WithCancel, WithCancelCause, signal.NotifyContext, errgroup.WithContext's context
	DerivedDeadline            // WithTimeout, WithDeadline and their Cause variants
	DerivedDetached            // WithoutCancel: the parent's values, never cancelled
)

// DerivationOf says how result index of a call of fn derives a context
// from its first argument: the one list of the APIs that derive contexts.
func DerivationOf(fn *types.Func, index int) Derivation {
	switch {
	case fn == nil:
	case index == 1 && IsPkgFunc(fn, "golang.org/x/sync/errgroup", "WithContext"):
		return DerivedCancel
	case index != 0:
	case IsPkgFunc(fn, "context", "WithValue"):
		return DerivedValue
	case IsPkgFunc(fn, "context", "WithCancel", "WithCancelCause"), IsPkgFunc(fn, "os/signal", "NotifyContext"):
		return DerivedCancel
	case IsPkgFunc(fn, "context", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause"):
		return DerivedDeadline
	case IsPkgFunc(fn, "context", "WithoutCancel"):
		return DerivedDetached
	}
	return NotDerived
}

// stops reports whether fn is a library function known never to return:
// os.Exit, syscall.Exit, runtime.Goexit, log.Fatal* and log.Panic*, and
// the testing methods that stop the test (Fatal*, FailNow, Skip*).
func stops(fn *types.Func) bool {
	switch fn.Pkg().Path() {
	case "os", "syscall":
		return IsPkgFunc(fn, fn.Pkg().Path(), "Exit")
	case "runtime":
		return IsPkgFunc(fn, "runtime", "Goexit")
	case "log":
		switch fn.Name() {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	case "testing":
		switch fn.Name() {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return true
		}
	}
	return false
}

// MatchesError reports whether fn is a standard-library test of an error
// (its first argument) that is true only of a non-nil error: errors.Is
// and As, os.IsNotExist, IsExist, IsPermission and IsTimeout. (Their
// bodies reassign the error, so [ValueAtNil] cannot be derived from them.)
func MatchesError(fn *types.Func) bool {
	return IsPkgFunc(fn, "errors", "Is", "As") || IsPkgFunc(fn, "os", "IsNotExist", "IsExist", "IsPermission", "IsTimeout")
}
