// Command hotspots is the demo program for Go Profiler: it has one obvious hot spot of
// each kind a profiler shows — CPU burn, heavy allocation, a contended mutex and a
// goroutine leak — and runs until the duration ends or it is interrupted.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	duration := flag.Duration("duration", 60*time.Second, "how long to run")
	flag.Parse()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	deadline := time.After(*duration)

	fmt.Printf("hotspots: running for %s (Ctrl+C to stop)\n", *duration)
	rounds := 0
	for {
		select {
		case <-stop:
			fmt.Printf("hotspots: interrupted after %d rounds\n", rounds)
			return
		case <-deadline:
			fmt.Printf("hotspots: done after %d rounds\n", rounds)
			return
		default:
		}
		round()
		rounds++
	}
}

// round does one slice of every kind of work.
func round() {
	primes := countPrimes(60_000)
	report := buildReport(2_000)
	waited := contend(4, 200)
	leakWorkers(3)
	if primes == 0 || len(report) == 0 || waited < 0 {
		panic("unreachable")
	}
}
