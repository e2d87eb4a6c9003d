package deferred

import (
	"net/http"
)

// handleDelete gets its context from the request; the file does not import
// package context, so the fix adds the import.
func (s *Store) handleDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
	if _, err := tx.Exec(ctx, "DELETE FROM items WHERE id = $1", r.URL.Query().Get("id")); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = tx.Commit(ctx)
}
