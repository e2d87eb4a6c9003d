// Package ctxvaluecancel defines an analyzer that reports cancel functions carried in context values or kept apart from their context.
//
// # Analyzer ctxvaluecancel
//
// ctxvaluecancel: report cancel functions carried in context values or kept apart from the context they cancel
//
// Contexts are cancelled by deriving children (context.WithCancel(parent))
// and cancelling the parent. Code that smuggles a cancel function through
// context.WithValue, keeps a cancel function while throwing away its
// context, or hands out contexts made from context.Background() next to a
// "cancel everything" function, produces contexts that the cancel does not
// reach: shutdown then leaves work running.
//
// # Rule 1: cancel stored as a context value
//
// context.WithValue(parent, key, v) where v is a context.CancelFunc, a
// context.CancelCauseFunc, a func() proven to be a cancel function
// (through local variables, struct fields and helpers, in this package or
// others), or a struct or pointer to a struct one of whose fields holds
// one that the struct does not own. A struct owns a cancel field its own
// methods call (a server whose Close cancels its context); putting such an
// object in a context shares the object, not its cancel, and is fine, as
// is an unexported field of another package's struct, which only that
// package can call:
//
//	cancel function stored as a context value; derive a child context with context.WithCancel and pass that instead
//
// Bad:
//
//	ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
//	cmd.SetContext(context.WithValue(ctx, cancelKey{}, cancel))
//
// Good:
//
//	ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
//	defer cancel()
//	return run(ctx)
//
// # Rule 2: cancel fetched from a context value
//
// A type assertion, or a type-switch case, to context.CancelFunc,
// context.CancelCauseFunc or func() on the result of ctx.Value (directly
// or through a local variable), reported at the asserted type:
//
//	cancel function retrieved from a context value; cancel the context by cancelling its parent instead
//
// Bad:
//
//	if cancel, ok := cmd.Context().Value(cancelKey{}).(context.CancelFunc); ok {
//		cancel()
//	}
//
// Good: the code that created the context cancels it, or derives a child
// of the context it was given:
//
//	ctx, cancel := context.WithCancel(r.Context())
//	defer cancel()
//
// # Rule 3: context thrown away, cancel kept
//
// A cancel producer whose context result is assigned to _, to a variable
// nothing reads, or to an unexported field nothing reads, while its cancel
// function is stored in a field, a map, a package variable or a context
// value, or is returned. Calling that cancel function stops nothing. A
// cancel function only called or deferred in the same function is left
// alone: that is dead code, not a trap.
//
//	the context returned by context.WithCancel is discarded, so calling s.cancel stops nothing; keep the context and derive work from it
//
// Bad:
//
//	_, s.cancel = context.WithCancel(ctx)
//	go s.run(ctx)
//
// Good:
//
//	ctx, s.cancel = context.WithCancel(ctx)
//	go s.run(ctx)
//
// # Rule 4: contexts not derived from the managed root
//
// A struct type that keeps a cancel function in a field (a
// context.CancelFunc or CancelCauseFunc field, or a func() field every
// store into which is a cancel function) is the "cancel everything" root
// of the work it manages. When one of its methods hands out a context
// (returns it, passes it to a callback, stores it in a field or a
// composite literal) made from context.Background() or context.TODO(),
// cancelling the root does not reach it. Reported at the Background/TODO
// call:
//
//	contexts created by Manager.CreateContext derive from context.Background(), not from the context that Manager.rootCancel cancels, so cancelling it stops none of them
//
// Contexts derived from a stored root context field or from a parameter
// are quiet, and so are a Background or TODO reached only where the root
// does not exist (under if m == nil or if m.ctx == nil: a nil or zero
// manager has nothing to derive from), the calls that create the root itself (their
// cancel function is stored in the cancel field) and every context made by
// a method that calls the cancel field itself: a shutdown path needs
// contexts that outlive the root.
//
// Bad:
//
//	type Manager struct {
//		rootCancel context.CancelFunc
//	}
//
//	func (m *Manager) CreateContext() (context.Context, context.CancelFunc) {
//		return context.WithCancel(context.Background())
//	}
//
// Good:
//
//	type Manager struct {
//		root       context.Context
//		rootCancel context.CancelFunc
//	}
//
//	func (m *Manager) CreateContext() (context.Context, context.CancelFunc) {
//		return context.WithCancel(m.root)
//	}
//
// # Suggested fixes
//
// None. Each rule's repair is a change of design (who
// derives which context from which), not an edit the tool can make
// safely: a type may have no root context to derive from, or set it only
// after its methods first run, so replacing Background() with a root field
// could pass a nil context.
//
// # Reporting policy
//
// Every ctxlint analyzer reports only what it is sure of. For
// ctxvaluecancel: that the value stored or retrieved is a cancel function
// (by its type, or proven through variables, fields and helpers' facts),
// and, for rules 3 and 4, that the context really is thrown away or made
// from a root the type's cancel does not reach. Ordinary values, named
// func() types and per-operation cancels kept next to their contexts are
// quiet.
package ctxvaluecancel
