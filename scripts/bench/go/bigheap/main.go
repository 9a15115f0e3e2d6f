// Command bigheap writes a large heap profile: with MemProfileRate = 1 it allocates along
// 4^depth distinct call paths (four functions, four call sites each) in several sizes, so
// the profile holds about sizes × 4^depth samples.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

var (
	keep  [][]byte
	sizes []int
)

//go:noinline
func leaf(path uint64) {
	for i, s := range sizes {
		b := make([]byte, s)
		if (path+uint64(i))%8 == 0 {
			keep = append(keep, b)
		}
	}
}

//go:noinline
func a(depth int, path uint64) {
	if depth == 0 {
		leaf(path)
		return
	}
	switch path & 3 {
	case 0:
		a(depth-1, path>>2)
	case 1:
		b(depth-1, path>>2)
	case 2:
		c(depth-1, path>>2)
	default:
		d(depth-1, path>>2)
	}
}

//go:noinline
func b(depth int, path uint64) {
	if depth == 0 {
		leaf(path)
		return
	}
	switch path & 3 {
	case 0:
		a(depth-1, path>>2)
	case 1:
		b(depth-1, path>>2)
	case 2:
		c(depth-1, path>>2)
	default:
		d(depth-1, path>>2)
	}
}

//go:noinline
func c(depth int, path uint64) {
	if depth == 0 {
		leaf(path)
		return
	}
	switch path & 3 {
	case 0:
		a(depth-1, path>>2)
	case 1:
		b(depth-1, path>>2)
	case 2:
		c(depth-1, path>>2)
	default:
		d(depth-1, path>>2)
	}
}

//go:noinline
func d(depth int, path uint64) {
	if depth == 0 {
		leaf(path)
		return
	}
	switch path & 3 {
	case 0:
		a(depth-1, path>>2)
	case 1:
		b(depth-1, path>>2)
	case 2:
		c(depth-1, path>>2)
	default:
		d(depth-1, path>>2)
	}
}

func main() {
	runtime.MemProfileRate = 1
	out := flag.String("o", "", "write the heap profile to this file")
	depth := flag.Int("depth", 9, "call depth; 4^depth distinct paths")
	nSizes := flag.Int("sizes", 3, "allocation sizes per path")
	flag.Parse()
	for i := 0; i < *nSizes; i++ {
		sizes = append(sizes, 16<<i)
	}
	for p := uint64(0); p < 1<<(2*uint(*depth)); p++ {
		a(*depth, p)
	}
	runtime.GC()
	f, err := os.Create(*out)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bigheap:", err)
		os.Exit(1)
	}
	runtime.KeepAlive(keep)
}
