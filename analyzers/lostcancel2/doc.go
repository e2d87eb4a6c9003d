// Package lostcancel2 defines an analyzer that reports cancel functions that are never called.
//
// # Analyzer lostcancel2
//
// lostcancel2: report cancel functions that are never called, wherever they are stored
//
// A cancel function comes from a cancel producer: context.WithCancel,
// WithCancelCause, WithTimeout, WithTimeoutCause, WithDeadline,
// WithDeadlineCause, signal.NotifyContext, any call returning a
// context.CancelFunc or context.CancelCauseFunc, and helpers (in this
// package or another) that return one as a plain func(). A conversion,
// context.CancelFunc(func() {}), is a placeholder, not a producer, and a
// getter (a function whose cancel result is always read from a field, a
// package variable, a map or slice element, or a type assertion, such as
// fn, ok = r.byTask[id]; return fn, ok) hands out a cancel someone else
// owns. So does a get-or-create, whose every return yields either a
// stored cancel or one it has just stored into a struct field that the
// package calls (the entry found in a table, or a new entry made, stored
// and returned, where a release method calls e.cancel()): the stored copy
// is the owner, and rules 3 and 4 judge it there. Until it is
// called, the context's resources (its timer, its goroutine, its entry in
// the parent) stay alive. A cancel function is handled when it is called
// (directly, by defer or go, or inside a function literal), returned,
// passed to a call, sent on a channel, assigned to _ explicitly
// (`_ = cancel`), or stored in a field, map, slice or package variable that
// the rules below then follow. Rules 3, 4 and 7 follow cancel functions
// the package made; a cancel received as a parameter is its caller's.
//
// # Rule 1: discarded
//
// The cancel result is assigned to _ in the producing statement, or the
// producer is called as a statement:
//
//	ctx, _ := context.WithTimeout(ctx, time.Second) // bad
//
//	ctx, cancel := context.WithTimeout(ctx, time.Second) // good
//	defer cancel()
//
// The suggested fix names the result cancel and defers its call.
//
// A helper that returns nil or a function that does nothing for some
// arguments (if d == 0 { return ctx, nil }) makes a cancel only
// sometimes; a caller that discards its result may pass exactly those
// arguments, so discarding it is not reported. This crosses packages as a
// fact.
//
// # Rule 2: not called on every path
//
// As go vet's lostcancel does: per variable, path-sensitive, with vet's
// messages and positions. Copies into local variables are followed (a copy
// into a variable that a function literal mentions hands the cancel to
// the literal, as a mention inside it does). Paths
// that end in panic, os.Exit, log.Fatal*, log.Panic*, runtime.Goexit,
// t.Fatal*/FailNow/Skip*, a function of any package whose body ends in one
// of those (a die() helper elsewhere: the model's NoReturn fact), or an
// infinite loop need no call; nor does a branch that shows a producer
// which also returns an error failed (err != nil, err == nil's else, a
// comparison with a sentinel such as io.EOF, a switch or type switch on
// it, a comma-ok assertion, errors.Is, errors.As, os.IsNotExist and its
// siblings, a function of any package that is true only of a non-nil
// error, a classifier of any package having another value than the one it
// has for a nil error (status.Code(err) == codes.NotFound, a switch on
// it), a call of a method of it; alone or in a condition that implies
// it), while err still holds that producer's error: a failed producer
// returns no cancel to call. The same holds for a producer that reports
// success in a bool and returns no cancel whenever it is false
// (ctx, cancel, ok := acquire(ctx); if !ok { return }). Returning from
// main.main needs no call either:
//
//	ctx, cancel := context.WithCancel(ctx) // bad
//	if err := start(ctx); err != nil {
//		return err // cancel is lost here
//	}
//	cancel()
//
//	ctx, cancel := context.WithCancel(ctx) // good
//	defer cancel()
//
// # Rule 3: stored in an unexported struct field that nothing calls
//
// No code in the package calls the field (exported fields may be called
// from other packages):
//
//	w := &worker{cancel: cancel} // bad: nothing calls w.cancel
//
//	func (w *worker) Stop() { w.cancel() } // good
//
// A field that code calls only just before storing a new cancel into it,
// in the same function (a reset method), and that nothing else reads,
// leaks the cancel stored last:
//
//	func (w *watcher) reset(parent context.Context) {
//		if w.cancel != nil {
//			w.cancel()
//		}
//		w.ctx, w.cancel = context.WithCancel(parent) // bad: no Stop calls the last one
//	}
//
// A store of a local that the package also calls, passes on or returns
// (w.cancel = cancel; go func() { ...; cancel() }()) is not reported, nor
// is a cancel whose context derives from a context kept in another field
// whose own cancel the package calls (watch, s.watchCancel =
// context.WithCancel(s.ctx), where Close calls s.cancel): ending the
// object cancels s.ctx and every context derived from it, so the child is
// released with its owner. When a helper made the cancel (s.close =
// s.openStream()), the context it derives from is the helper's business:
// if another field of the struct holds a cancel that the package calls
// (or that is exported), the object's owner context may be that parent,
// and the store is not reported either.
//
// Rule 3 also reports a store into any field of a value receiver: the
// method writes into its own copy of the struct, which is dropped when it
// returns, so the caller's field keeps its old value (docker-agent's
// sessions called a no-op placeholder this way). It stays quiet when the
// method returns, passes or otherwise uses the copy, mentions it in a
// function literal, or calls the field itself. There is no suggested fix:
// a pointer receiver changes the type's method set, which callers may
// rely on.
//
//	func (s session) start(ctx context.Context) { // bad: s is a copy
//		ctx, s.cancel = context.WithCancel(ctx)
//		go stream(ctx)
//	}
//
//	func (s *session) start(ctx context.Context) { // good
//		ctx, s.cancel = context.WithCancel(ctx)
//		go stream(ctx)
//	}
//
// # Rule 4: stored in a map or slice that nothing calls, or deleted
//
// Stored in a map or slice (a variable or an unexported field) whose
// elements no code in the package calls, or deleted from a map without the
// same function calling it first. A delete that runs once a context is done
// (after <-ctx.Done(), in a case <-ctx.Done(), in a context.AfterFunc
// callback) removes an entry the cancellation already released, and a
// helper that only forgets an entry is fine when every caller (all of them
// visible: unexported, never used as a value) read the entry first:
//
//	delete(s.ops, name) // bad: the cancel in s.ops[name] is lost
//
//	if cancel, ok := s.ops[name]; ok { // good
//		cancel()
//	}
//	delete(s.ops, name)
//
// # Rule 5: overwritten before being called
//
//	ctx, cancel := context.WithTimeout(ctx, d)
//	ctx, cancel = context.WithTimeout(ctx, d2) // bad: the first cancel is lost
//
//	ctx, cancel := context.WithTimeout(ctx, d) // good
//	defer cancel()
//	ctx, cancel2 := context.WithTimeout(ctx, d2)
//	defer cancel2()
//
// A re-assignment inside "if _, ok := ctx.Deadline(); !ok" is not reached
// from a WithTimeout or WithDeadline that gave that same ctx its deadline.
//
// # Rule 6: deferred inside a loop
//
// The calls pile up until the function returns, keeping every iteration's
// context and timer alive. In _test.go files only loops whose trip count
// the code does not fix are reported (for {}, for cond {}, a for loop whose
// condition compares with no constant, length or arithmetic of those, or a
// local set once to one (i < 2*len(cases) and n := 4; i < n are fixed),
// such as
// for ; ctx.Err() == nil; ... or i < b.N, a range over a channel, an
// iterator function or a non-constant count); a test's loop over a table,
// an array, a container or a constant count runs a few times and is quiet:
//
//	for _, job := range jobs { // bad
//		ctx, cancel := context.WithTimeout(ctx, d)
//		defer cancel()
//		run(ctx, job)
//	}
//
//	for _, job := range jobs { // good
//		ctx, cancel := context.WithTimeout(ctx, d)
//		run(ctx, job)
//		cancel()
//	}
//
// Rule 6 stays quiet when the iteration's context, its cancel, or a value
// derived from them (other than an error or a basic value) outlives the
// iteration: handed to a go statement, sent on a channel, or stored in a
// field, map, slice or variable declared outside the loop body. Such a
// context must not be cancelled at the end of its iteration.
//
// # Rule 7: stored in an unexported package-level variable that nothing calls
//
// Nothing in the package calls the variable:
//
//	var stopAll context.CancelFunc // bad: never called
//
//	func shutdown() { stopAll() } // good
//
// # Findings go vet makes too
//
// The findings of rules 1 and 2 that go vet's lostcancel makes too (on
// the context package's producers, for a variable never copied) carry the
// diagnostic category "lostcancel", vet's analyzer name: ctxlint's own
// driver lets //nolint:govet comments suppress them.
//
// # Reporting policy
//
// Every ctxlint analyzer reports only what it is sure of. For lostcancel2:
// that the value is a cancel function this code made (a producer's
// result, by its type or by a helper's ReturnsCancel fact; never a
// conversion or a getter of a stored cancel), and that no call, hand-off
// or store the rules follow releases it on the path or in the package.
// A cancel handed to code the rules cannot follow (passed to a call,
// returned, sent, captured) counts as handled.
package lostcancel2
