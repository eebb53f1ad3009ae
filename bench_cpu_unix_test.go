//go:build unix

package alianza_test

import (
	"syscall"
	"time"
)

// processCPU is the user plus system CPU time of the whole process so far:
// client, in-process server and garbage collector alike. Unlike wall time
// it barely moves when other work shares the machine, so raw and sdk can be
// compared on a busy one.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
