package server

import "context"

// Index is the in-memory index the notifier reads to fill in old values.
type Index interface {
	Lookup(ctx context.Context, key string) ([]byte, bool, error)
}

type change struct {
	key      string
	old, val []byte
}

// publish fills in each change's previous value before sending it. The
// lookup has not been given the caller's context yet, and says so.
func (s *Server) publish(idx Index, in <-chan change, out chan<- change) {
	for ch := range in {
		if old, ok, err := idx.Lookup(context.TODO(), ch.key); err == nil && ok {
			ch.old = old
		}
		out <- ch
	}
}

func (s *Server) startPublisher(idx Index, in <-chan change, out chan<- change) {
	go func() {
		s.publish(idx, in, out)
		close(out)
	}()
	go s.publish(idx, in, out)

	// Where the goroutine itself uses the placeholder, rule 2 still speaks.
	go func() {
		_, _, _ = idx.Lookup(context.TODO(), "warm") // want `goroutine calls idx.Lookup with context.TODO\(\), which never expires`
	}()
}
