package workmanager

import (
	"context"
	"time"
)

// Queue hands jobs out to workers; Close cancels the lot.
type Queue struct {
	closeAll context.CancelCauseFunc
	inflight map[string]context.Context
	timeout  time.Duration
}

type Job struct {
	ID  string
	ctx context.Context
}

type request struct {
	ctx context.Context
	id  string
}

func NewQueue(parent context.Context) (*Queue, context.Context) {
	ctx, cancel := context.WithCancelCause(parent)
	return &Queue{closeAll: cancel, inflight: make(map[string]context.Context)}, ctx
}

// Next returns a job whose context the queue's close does not reach.
func (q *Queue) Next(id string) *Job {
	return &Job{ID: id, ctx: context.Background()} // want `contexts created by Queue.Next derive from context.Background\(\), not from the context that Queue.closeAll cancels`
}

// Track records an in-flight context in a map held by the queue.
func (q *Queue) Track(id string) {
	ctx, cancel := context.WithTimeout(context.Background(), q.timeout) // want `contexts created by Queue.Track derive from context.Background\(\)`
	q.inflight[id] = ctx
	time.AfterFunc(q.timeout, cancel)
}

// Send builds a request for its own call: the context is handed to a
// method, not out of the queue, so quiet.
func (q *Queue) Send(id string) error {
	req := &request{ctx: context.Background(), id: id}
	req.ctx = context.TODO()
	return q.deliver(req)
}

func (q *Queue) deliver(r *request) error { return r.ctx.Err() }

func (q *Queue) Close(err error) { q.closeAll(err) }
