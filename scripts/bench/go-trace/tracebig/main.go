// Command tracebig writes a large execution trace for the benchmark: rings of goroutines
// passing tokens over channels (a scheduling event per hand-off), a contended mutex and
// steady allocation (GC cycles), until -handoffs hand-offs (so the trace's size does not
// depend on how busy the machine is) or -seconds, whichever comes first.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/trace"
	"sync"
	"sync/atomic"
	"time"
)

var sink []byte

func main() {
	out := flag.String("o", "big.trace", "where to write the trace")
	seconds := flag.Float64("seconds", 60, "the longest to trace")
	handoffs := flag.Int64("handoffs", 2_000_000, "stop after this many hand-offs")
	rings := flag.Int("rings", 8, "rings of goroutines")
	size := flag.Int("size", 16, "goroutines per ring")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := trace.Start(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var stop atomic.Bool
	var passed atomic.Int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	for r := 0; r < *rings; r++ {
		chans := make([]chan int, *size)
		for i := range chans {
			chans[i] = make(chan int)
		}
		for i := range chans {
			wg.Add(1)
			go func(in, next chan int) {
				defer wg.Done()
				for v := range in {
					if v%64 == 0 {
						mu.Lock()
						sink = make([]byte, 4096)
						mu.Unlock()
					}
					if stop.Load() {
						close(next)
						for range in {
						}
						return
					}
					if passed.Add(1) == *handoffs {
						close(done)
					}
					next <- v + 1
				}
				close(next)
			}(chans[i], chans[(i+1)%len(chans)])
		}
		chans[0] <- 0
	}
	select {
	case <-done:
	case <-time.After(time.Duration(*seconds * float64(time.Second))):
	}
	stop.Store(true)
	wg.Wait()
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
