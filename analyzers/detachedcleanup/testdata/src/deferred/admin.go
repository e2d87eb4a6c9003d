package deferred

import "net/http"

// handlePurge and handleVacuum each defer a rollback on the request's
// context; the file has a single unparenthesised import.
func (s *Store) handlePurge(w http.ResponseWriter, r *http.Request) {
	tx, err := s.conn.Begin(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer tx.Rollback(r.Context()) // want `deferred cleanup tx.Rollback may run after r.Context\(\) is cancelled and then fail; pass context.WithoutCancel\(r.Context\(\)\)`
	_ = tx.Commit(r.Context())
}

func (s *Store) handleVacuum(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	defer s.conn.Close(ctx) // want `deferred cleanup s.conn.Close may run after ctx is cancelled`
	_, _ = s.conn.Exec(ctx, "VACUUM")
}
