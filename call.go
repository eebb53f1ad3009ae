package alianza

import "context"

// call sends r and returns the answer decoded into a new T, so that a
// service method is its validation plus one call. r.out is set here; leave
// it nil.
//
// With r.emptyOK the answer is decoded into a **T, as decode expects: a 2xx
// with an empty body, or a JSON null, then gives nil and no error. Without
// it an empty or null body is an error (ErrEmptyBody) and the result is
// never nil on success.
func call[T any](ctx context.Context, c *Client, r *request) (*T, error) {
	if r.emptyOK {
		var p *T
		r.out = &p
		if err := c.do(ctx, r); err != nil {
			return nil, err
		}
		return p, nil
	}
	var v T
	r.out = &v
	if err := c.do(ctx, r); err != nil {
		return nil, err
	}
	return &v, nil
}

// callValue sends r and returns the answer decoded into a T held by value:
// the bare arrays most lists are, and the bare JSON strings and booleans a
// few operations answer. On error it returns T's zero value (a nil slice),
// never what was decoded before the failure.
func callValue[T any](ctx context.Context, c *Client, r *request) (T, error) {
	var v T
	r.out = &v
	if err := c.do(ctx, r); err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}
