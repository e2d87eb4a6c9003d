// Package pool is a worker pool whose Submit runs its argument on a
// worker goroutine.
package pool

type Pool struct{ work chan func() }

func New(n int) *Pool {
	p := &Pool{work: make(chan func())}
	for i := 0; i < n; i++ {
		go func() {
			for f := range p.work {
				f()
			}
		}()
	}
	return p
}

func (p *Pool) Submit(f func()) { p.work <- f }

// Go runs f on a new goroutine.
func Go(f func()) { go f() }
