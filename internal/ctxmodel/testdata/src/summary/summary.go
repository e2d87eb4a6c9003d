// Package summary states, in its want comments, the model's summary of
// what each function does with its context parameters.
package summary

import (
	"context"
	"log/slog"
	"net"
	"time"

	"summarydep"
)

func checks(ctx context.Context) error { // want checks:"param 0: observes .*\\(checks ctx.Err\\(\\)\\)"
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

func waitsForResult(ctx context.Context, ch chan int) int { // want waitsForResult:"param 0: observes .*\\(waits on ctx.Done\\(\\)\\)"
	select {
	case <-ctx.Done():
		return 0
	case v := <-ch:
		return v
	}
}

func loopUntilStopped(ctx context.Context, ch chan int) { // want loopUntilStopped:"param 0: lifetime"
	for {
		select {
		case <-ctx.Done():
			return
		case <-ch:
		}
	}
}

func watch(ctx context.Context, stop func()) { // want watch:"param 0: lifetime"
	go func() {
		<-ctx.Done()
		stop()
	}()
}

func bareReceive(ctx context.Context) { // want bareReceive:"param 0: lifetime"
	<-ctx.Done()
}

func dials(ctx context.Context) (net.Conn, error) { // want dials:"param 0: observes .*\\(passes it to Dialer.DialContext"
	var d net.Dialer
	return d.DialContext(ctx, "tcp", "localhost:1")
}

func viaHelper(ctx context.Context) error { // want viaHelper:"param 0: observes .*\\(passes it to summary.checks, which checks ctx.Err"
	return checks(ctx)
}

func detaches(ctx context.Context) (net.Conn, error) { // want detaches:"param 0: detaches"
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	return dials(ctx)
}

func detachesByReassignment(ctx context.Context) error { // want detachesByReassignment:"param 0: detaches"
	ctx = context.WithoutCancel(ctx)
	return checks(ctx)
}

func bounds(ctx context.Context) (net.Conn, error) { // want bounds:"param 0: bounds"
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return dials(ctx)
}

func logs(ctx context.Context) { // want logs:"param 0: values"
	slog.InfoContext(ctx, "hello")
}

func valueChild(ctx context.Context) (net.Conn, error) { // want valueChild:"param 0: observes"
	return dials(context.WithValue(ctx, "k", 1))
}

var logFor = loggerFrom

func loggerFrom(ctx context.Context) *slog.Logger { return slog.Default() } // want loggerFrom:"param 0: values"

func viaFuncVar(ctx context.Context) { // want viaFuncVar:"param 0: values"
	logFor(ctx).Info("x")
}

func viaFuncValue(ctx context.Context, f func(context.Context) error) error { // want viaFuncValue:"param 0: via its function argument"
	return f(ctx)
}

func viaFuncValueObserves(ctx context.Context) error { // want viaFuncValueObserves:"param 0: observes .*passes it to summary.viaFuncValue, which calls summary.checks"
	return viaFuncValue(ctx, checks)
}

func viaFuncLitValues(ctx context.Context) error { // want viaFuncLitValues:"param 0: values"
	return viaFuncValue(ctx, func(ctx context.Context) error { slog.InfoContext(ctx, "x"); return nil })
}

func viaUnknownValue(ctx context.Context, g func(context.Context) error) error { // want viaUnknownValue:"param 0: unknown"
	return viaFuncValue(ctx, g)
}

func stores(ctx context.Context) *holder { // want stores:"param 0: unknown"
	return &holder{ctx: ctx}
}

type holder struct{ ctx context.Context }

func crossPackage(ctx context.Context) error { // want crossPackage:"param 0: observes .*\\(passes it to summarydep.Query"
	return summarydep.Query(ctx, nil)
}

func crossPackageValues(ctx context.Context) string { // want crossPackageValues:"param 0: values"
	return summarydep.Label(ctx)
}

func onlyImplIgnores(ctx context.Context, s summarydep.Store) string { // want onlyImplIgnores:"param 0: values"
	return s.Get(ctx, "k")
}

type Pinger interface {
	Ping(ctx context.Context) error
}

type slowPinger struct{}

func (slowPinger) Ping(ctx context.Context) error { return checks(ctx) } // want Ping:"param 0: observes"

type quietPinger struct{}

func (quietPinger) Ping(ctx context.Context) error { return nil } // want Ping:"param 0: values"

func anyImplObserves(ctx context.Context, p Pinger) error { // want anyImplObserves:"param 0: observes"
	return p.Ping(ctx)
}

type noImpl interface {
	Run(ctx context.Context) error
}

func noVisibleImpl(ctx context.Context, r noImpl) error { // want noVisibleImpl:"param 0: unknown"
	return r.Run(ctx)
}

func recursive(ctx context.Context, n int) error { // want recursive:"param 0: observes .*\\(checks"
	if n == 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		return nil
	}
	return recursive(ctx, n-1)
}

// A framework's own context type that embeds context.Context is a context.
type Context struct{ context.Context }

func frameworkHandler(c *Context) error { // want frameworkHandler:"param 0: observes"
	return checks(c)
}

// lease returns a release function that observes its context.
func lease(ctx context.Context) (func(context.Context) error, error) { // want lease:"param 0: values .* result 0"
	return func(ctx context.Context) error { return checks(ctx) }, nil
}

type closer interface {
	Close(ctx context.Context) error
}

type netCloser struct{}

func (netCloser) Close(ctx context.Context) error { return checks(ctx) } // want Close:"param 0: observes"

func cleanupHelper(ctx context.Context, c closer) { // want cleanupHelper:"param 0: observes \\[checks\\|cleanup\\]"
	if err := c.Close(ctx); err != nil {
		slog.Error("close", "err", err)
	}
}

func inGoroutineBlocks(ctx context.Context) { // want inGoroutineBlocks:"param 0: lifetime"
	go func() {
		_, _ = dials(ctx)
	}()
}

type tracer interface {
	Start(ctx context.Context, name string) context.Context
}

// A tracer hands back a context derived from the one it is given: the
// function still observes its parameter through it.
func traced(ctx context.Context, t tracer) error { // want traced:"param 0: observes"
	if t != nil {
		ctx = t.Start(ctx, "traced")
	}
	return checks(ctx)
}

// A default assigned on one branch leaves the parameter on the others.
func defaulted(ctx context.Context) error { // want defaulted:"param 0: observes"
	if ctx == nil {
		ctx = context.Background()
	}
	return checks(ctx)
}

// Replaced unconditionally, the parameter goes nowhere.
func replaced(ctx context.Context) error { // want replaced:"param 0: values"
	ctx = context.Background()
	return checks(ctx)
}

// A call through an unexported function-valued field is resolved from
// what the package stores in it: every value it can hold is written here.
type client struct {
	process func(ctx context.Context, key string) error
	logf    func(ctx context.Context, msg string)
}

func newClient(d *net.Dialer) *client {
	c := &client{logf: logOnly}
	c.process = func(ctx context.Context, key string) error {
		conn, err := d.DialContext(ctx, "tcp", key)
		if err != nil {
			return err
		}
		return conn.Close()
	}
	return c
}

func logOnly(ctx context.Context, msg string) { _ = ctx.Value(msg) } // want logOnly:"param 0: values"

func (c *client) get(ctx context.Context, key string) error { // want get:"param 0: observes .*\\(calls the field process, set to a function literal"
	return c.process(ctx, key)
}

func (c *client) note(ctx context.Context, msg string) { // want note:"param 0: values"
	c.logf(ctx, msg)
}

// An exported field may hold a function from any package: unknown.
type Hooks struct {
	Process func(ctx context.Context) error
}

func (h *Hooks) run(ctx context.Context) error { // want run:"param 0: unknown"
	return h.Process(ctx)
}

// A field that is also set from a parameter holds a function the package
// has not seen: unknown.
type pager struct {
	fetch func(ctx context.Context) error
}

func newPager(fetch func(ctx context.Context) error) *pager { return &pager{fetch: fetch} } // want newPager:"keeps function params \\[0\\]"

func (p *pager) next(ctx context.Context) error { // want next:"param 0: unknown"
	return p.fetch(ctx)
}
