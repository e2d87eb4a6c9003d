package server

import (
	"context"
	"log/slog"
	"reflect"
	"time"
)

// prefill gives its parent a deadline before any work sees it, so callers
// may hand it a context that never expires.
func (s *Server) prefill(parent context.Context, keys []string) error {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	defer cancel()
	slog.InfoContext(parent, "prefill", "keys", len(keys))
	for _, k := range keys {
		if err := s.cache.Set(ctx, k, nil); err != nil {
			return err
		}
	}
	return nil
}

// prefillLoose bounds its parent for the loads but also writes with the
// parent itself.
func (s *Server) prefillLoose(parent context.Context, keys []string) error {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	defer cancel()
	if _, err := s.db.Load(ctx); err != nil {
		return err
	}
	for _, k := range keys {
		if err := s.cache.Set(parent, k, nil); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) startPrefill(ctx context.Context, keys []string) {
	go s.prefill(context.WithoutCancel(ctx), keys)
	go func() {
		_ = s.prefill(context.Background(), keys)
	}()
	go s.prefillAfterRestart(keys)

	go s.prefillLoose(context.Background(), keys) // want `goroutine runs s.prefillLoose with context.Background\(\), which never expires`
	go func() {
		_ = s.prefillLoose(context.WithoutCancel(ctx), keys) // want `goroutine calls s.prefillLoose with context.WithoutCancel\(ctx\), which never expires`
	}()
}

func (s *Server) prefillAfterRestart(keys []string) {
	if err := s.prefill(context.Background(), keys); err != nil {
		s.mu.Lock()
		s.hits["prefill-failed"]++
		s.mu.Unlock()
	}
}

// invoke calls a user's hook by reflection, handing it ctx as its first
// argument when it takes one: the hook chooses its own deadline.
func invoke(ctx context.Context, hook any, args []any) (any, error) {
	fv := reflect.ValueOf(hook)
	if fv.Type().NumIn() > len(args) {
		args = append([]any{ctx}, args...)
	}
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		in[i] = reflect.ValueOf(a)
	}
	out := fv.Call(in)
	if err, ok := out[len(out)-1].Interface().(error); ok {
		return nil, err
	}
	return out[0].Interface(), nil
}

func (s *Server) runHook(hook any, args []any, done chan<- error) {
	go func() {
		_, err := invoke(context.TODO(), hook, args)
		done <- err
	}()
}
