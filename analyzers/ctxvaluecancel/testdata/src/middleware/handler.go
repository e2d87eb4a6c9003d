package middleware

import (
	"context"
	"net/http"
)

// Upload ends the request as soon as the body is read.
func Upload(w http.ResponseWriter, r *http.Request) {
	if cancel, ok := r.Context().Value(cancelKey).(context.CancelFunc); ok { // want `cancel function retrieved from a context value; cancel the context by cancelling its parent instead`
		defer cancel()
	}
	w.WriteHeader(http.StatusAccepted)
}

// Abort fetches the cancel through a variable.
func Abort(w http.ResponseWriter, r *http.Request) {
	v := r.Context().Value(cancelKey)
	if abort, ok := v.(func()); ok { // want `cancel function retrieved from a context value`
		abort()
	}
}

// End accepts any of the shapes the middleware may have stored.
func End(ctx context.Context) {
	switch c := ctx.Value(cancelKey).(type) {
	case context.CancelFunc: // want `cancel function retrieved from a context value`
		c()
	case context.CancelCauseFunc, func(): // want `cancel function retrieved from a context value` `cancel function retrieved from a context value`
	case string:
	case nil:
	}
}

// RequestID reads an ordinary value: quiet.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// OnDone fetches a named callback type, which says it is not a cancel:
// quiet.
type DoneFunc func()

func OnDone(ctx context.Context) {
	if f, ok := ctx.Value(onDoneKey).(DoneFunc); ok {
		f()
	}
}

// notFromContext asserts a func() from an ordinary interface: quiet.
func notFromContext(v any) {
	if f, ok := v.(func()); ok {
		f()
	}
}

// A type that implements context.Context itself.
type requestContext struct {
	context.Context
	values map[any]any
}

func (c requestContext) Value(key any) any {
	if v, ok := c.values[key]; ok {
		return v
	}
	return c.Context.Value(key)
}

func Finish(c requestContext) {
	if cancel, ok := c.Value(cancelKey).(context.CancelFunc); ok { // want `cancel function retrieved from a context value`
		cancel()
	}
}

// stopFunc is an alias, so it is context.CancelFunc itself.
type stopFunc = context.CancelFunc

func Stop(ctx context.Context) {
	if stop, ok := ctx.Value(cancelKey).(stopFunc); ok { // want `cancel function retrieved from a context value`
		stop()
	}
}
