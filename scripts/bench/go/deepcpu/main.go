// Command deepcpu writes a CPU profile with deep, varied stacks: it burns CPU at the end of
// pseudo-random call paths 20 to 60 frames deep through four functions, sampled at 1 kHz,
// until the process has used the requested CPU time (so a busy machine gives as many
// samples as an idle one, only later).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"
)

var sink uint64

//go:noinline
func burn(n int) {
	x := sink | 1
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	sink += x
}

//go:noinline
func p(depth int, path uint64) {
	if depth == 0 {
		burn(20000)
		return
	}
	next(depth, path)
}

//go:noinline
func q(depth int, path uint64) {
	if depth == 0 {
		burn(30000)
		return
	}
	next(depth, path)
}

//go:noinline
func r(depth int, path uint64) {
	if depth == 0 {
		burn(40000)
		return
	}
	next(depth, path)
}

//go:noinline
func s(depth int, path uint64) {
	if depth == 0 {
		burn(50000)
		return
	}
	next(depth, path)
}

func next(depth int, path uint64) {
	switch path & 3 {
	case 0:
		p(depth-1, path>>2|path<<62)
	case 1:
		q(depth-1, path>>2|path<<62)
	case 2:
		r(depth-1, path>>2|path<<62)
	default:
		s(depth-1, path>>2|path<<62)
	}
}

func main() {
	out := flag.String("o", "", "write the CPU profile to this file")
	seconds := flag.Float64("seconds", 4, "CPU seconds to burn")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "deepcpu:", err)
		os.Exit(1)
	}
	runtime.SetCPUProfileRate(1000)
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "deepcpu:", err)
	}
	rng := uint64(0x9E3779B97F4A7C15)
	limit := time.Duration(*seconds * float64(time.Second))
	for cpuTime() < limit {
		for i := 0; i < 100; i++ {
			rng ^= rng << 13
			rng ^= rng >> 7
			rng ^= rng << 17
			p(20+int(rng%41), rng)
		}
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "deepcpu:", err)
		os.Exit(1)
	}
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		fmt.Fprintln(os.Stderr, "deepcpu:", err)
		os.Exit(1)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
