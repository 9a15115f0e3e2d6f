// Command legacy-text writes the Go runtime's text (debug=1 and debug=2) profiles into the
// folder named by its argument, so the decoder's tests can check it names them as an
// unsupported format instead of misreading them.
package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
)

var keep [][]byte

func main() {
	dir := os.Args[1]
	runtime.MemProfileRate = 1
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	for i := 0; i < 100; i++ {
		keep = append(keep, make([]byte, 1024))
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 1000; j++ {
				mu.Lock()
				keep = append(keep, nil)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	runtime.GC()
	write := func(name, profile string, debug int) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup(profile).WriteTo(f, debug); err != nil {
			panic(err)
		}
		f.Close()
	}
	for _, p := range []string{"heap", "allocs", "goroutine", "threadcreate", "block", "mutex"} {
		write(p+".debug1.txt", p, 1)
	}
	write("goroutine.debug2.txt", "goroutine", 2)
}
