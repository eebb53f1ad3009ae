package crm

import (
	"context"
	"sync"
)

// parallel runs fn(i) for i in [0, n) on at most limit goroutines. It does
// not stop on a failure, because every workflow here reports each part;
// once ctx is done the remaining items still run and fail fast on it,
// so each one is accounted for.
func parallel(ctx context.Context, limit, n int, fn func(ctx context.Context, i int)) {
	if limit > n {
		limit = n
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < limit; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(ctx, i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
