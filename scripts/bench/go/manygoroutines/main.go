// Command manygoroutines parks n goroutines (default 20000) at the ends of 2^depth distinct
// call paths and writes a goroutine profile.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	ready sync.WaitGroup
	never = make(chan struct{})
)

//go:noinline
func park() {
	ready.Done()
	<-never
}

//go:noinline
func x(depth int, path uint64) {
	if depth == 0 {
		park()
		return
	}
	if path&1 == 0 {
		x(depth-1, path>>1)
	} else {
		y(depth-1, path>>1)
	}
}

//go:noinline
func y(depth int, path uint64) {
	if depth == 0 {
		park()
		return
	}
	if path&1 == 0 {
		x(depth-1, path>>1)
	} else {
		y(depth-1, path>>1)
	}
}

func main() {
	out := flag.String("o", "", "write the goroutine profile to this file")
	n := flag.Int("n", 20000, "goroutines")
	depth := flag.Int("depth", 12, "call depth; 2^depth distinct paths")
	flag.Parse()
	ready.Add(*n)
	for i := 0; i < *n; i++ {
		go x(*depth, uint64(i))
	}
	ready.Wait()
	time.Sleep(200 * time.Millisecond)
	f, err := os.Create(*out)
	if err == nil {
		err = pprof.Lookup("goroutine").WriteTo(f, 0)
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "manygoroutines:", err)
		os.Exit(1)
	}
}
