// Package app runs the store's maintenance in the background.
package app

import (
	"context"
	"time"

	"example.com/store"
)

type App struct {
	st  *store.Store
	ctx context.Context
}

func (a *App) Start() {
	go a.st.Sync() // want `goroutine runs a.st.Sync, which calls s.flush, which calls s.db.ExecContext with context.Background\(\) \(store.go:23\) without a deadline`
	go func() {
		for range time.Tick(time.Hour) {
			a.st.Sync() // want `goroutine calls a.st.Sync, which calls s.flush, which calls s.db.ExecContext`
		}
	}()
	go a.maintain() // want `goroutine runs a.maintain, which calls a.st.Sync, which calls s.flush, which calls s.db.ExecContext with context.Background\(\) \(store.go:23\) without a deadline`
}

func (a *App) maintain() { // want maintain:`unbounded s.db.ExecContext\(context.Background\(\)\) at store.go:23`
	a.st.Sync()
}

// --- Must stay quiet. ---

func (a *App) StartQuiet() {
	go a.st.Compact(a.ctx)
	go a.st.Ping()
	go func() {
		a.st.Compact(a.ctx)
		a.st.Ping()
	}()
}

func (a *App) Snapshot(dest string) {
	go a.st.Backup(context.WithoutCancel(a.ctx), dest)
	go func() {
		_ = a.st.Backup(context.Background(), dest)
		_ = a.st.Export(context.Background(), dest) // want `goroutine calls a.st.Export with context.Background\(\), which never expires`
	}()
	go a.st.Export(context.WithoutCancel(a.ctx), dest) // want `goroutine runs a.st.Export with context.WithoutCancel\(a.ctx\), which never expires`
}
