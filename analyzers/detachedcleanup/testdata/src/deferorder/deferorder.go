package deferorder

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"

	"pgxish"
	"sqlish"
)

type ctxKey struct{}

// transfer defers the rollback before the cancel: the cancel runs first,
// so the rollback always sees a cancelled context.
func transfer(ctx context.Context, conn *pgxish.Conn, from, to string, cents int64) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	tx, err := conn.Begin(ctx)
	if err != nil {
		cancel()
		return err
	}
	defer tx.Rollback(ctx) // want `deferred tx.Rollback runs after the deferred cancel of ctx \(defers run last-in, first-out\), so it always sees a cancelled context`
	defer cancel()
	if _, err := tx.Exec(ctx, "UPDATE accounts SET cents = cents - $1 WHERE id = $2", cents, from); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE accounts SET cents = cents + $1 WHERE id = $2", cents, to); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// reindex owns its context, but the order is still wrong.
func reindex(conn *pgxish.Conn) (err error) {
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := conn.Begin(ctx)
	if err != nil {
		cancel()
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback(ctx) // want `deferred tx.Rollback runs after the deferred cancel of ctx`
		}
	}()
	defer func() {
		cancel()
	}()
	_, err = tx.Exec(ctx, "REINDEX TABLE accounts")
	return err
}

// audit writes through a value-wrapped child: its parent's cancel, deferred
// later, ends it too.
func audit(conn *pgxish.Conn, user string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	actx := context.WithValue(ctx, ctxKey{}, user)
	defer conn.Exec(actx, "INSERT INTO audit(user) VALUES ($1)", user) // want `deferred conn.Exec runs after the deferred cancel of ctx`
	defer cancel()
}

// serveUntilSignal defers the shutdown before the signal context's stop.
func serveUntilSignal(srv *http.Server) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer srv.Shutdown(ctx) // want `deferred srv.Shutdown runs after the deferred cancel of ctx`
	defer stop()
	go srv.ListenAndServe()
	<-ctx.Done()
}

// vacuum defers the rollback after the cancel: it runs first, on a context
// only this function can cancel. Nothing to report.
func vacuum(conn *pgxish.Conn) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, "VACUUM accounts")
	return err
}

// report's deferred call was evaluated with the caller's context, before
// ctx was re-derived; the deferred cancel ends only the new one.
func report(ctx context.Context, conn *pgxish.Conn) {
	defer record(ctx, conn)
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, _ = conn.Exec(ctx, "SELECT 1")
}

func record(ctx context.Context, conn *pgxish.Conn) error {
	_, err := conn.Exec(ctx, "INSERT INTO runs DEFAULT VALUES")
	return err
}

// logs and closes: deferred calls that cannot observe the cancellation, or
// take no context, may run after it.
func logs(db *sqlish.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		cancel()
		return err
	}
	defer slog.InfoContext(ctx, "transaction done")
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id FROM accounts")
	if err != nil {
		cancel()
		return err
	}
	defer rows.Close()
	defer cancel()
	for rows.Next() {
	}
	return tx.Commit()
}

// separate contexts: the cancel ends a context the earlier defer does not
// use.
func separate(conn *pgxish.Conn) {
	bg, stopBG := context.WithCancel(context.Background())
	defer conn.Close(bg)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _ = conn.Exec(ctx, "SELECT 1")
	stopBG()
}

// twoPhases reuses ctx and cancel for a second context later on. The
// second defer cancel() ends only the second context; the responder's
// shutdown, deferred after the first defer cancel(), runs before it.
func twoPhases(responder *http.Server, conn *pgxish.Conn) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer responder.Shutdown(ctx)

	ctx, cancel = context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_, err := conn.Exec(ctx, "SELECT 1")
	return err
}

// twoPhasesLate defers the shutdown on the second context before that
// context's own defer cancel(): reported.
func twoPhasesLate(responder *http.Server) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx, cancel = context.WithTimeout(context.Background(), 15*time.Second)
	defer responder.Shutdown(ctx) // want `deferred responder.Shutdown runs after the deferred cancel of ctx`
	defer cancel()
}

// A deferred closure reads ctx when it runs: after ctx is reassigned and
// the new context's cancel is deferred, the closure sees that cancelled
// context.
func reassignedAfterClosure(parent context.Context, conn *pgxish.Conn) error {
	ctx := parent
	defer func() {
		_ = conn.Close(ctx) // want `deferred conn.Close runs after the deferred cancel of ctx`
	}()
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := conn.Exec(ctx, "SELECT 1")
	return err
}

// A deferred call took its argument when it was deferred: the later
// context never reaches it (rule 2 is quiet; rule 3 still sees the
// caller's context).
func reassignedAfterCall(parent context.Context, conn *pgxish.Conn) error {
	ctx := parent
	defer conn.Close(ctx) // want `deferred cleanup conn.Close may run after ctx is cancelled`
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := conn.Exec(ctx, "SELECT 1")
	return err
}
