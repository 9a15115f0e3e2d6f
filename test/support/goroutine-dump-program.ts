/**
 * A tiny real Go program that parks known goroutines and writes, at the same moment, the
 * goroutine profile (debug=0, protobuf) and the debug=2 text dump beside it, as a capture does:
 * 7 in main.waitInSelect, 5 in main.waitOnMutex, 3 in main.waitOnChannel, 2 in main.sleeper,
 * besides main.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goEnv, run } from './go-fixtures';

/** Go: `write(path, debug)` writes the goroutine profile (debug=0) or dump (debug=2) to path. */
export const WRITE_GO = `func write(path string, debug int) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
`;

const SOURCE = `package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

//go:noinline
func waitOnChannel(ready *sync.WaitGroup, c chan struct{}) {
	ready.Done()
	<-c
}

//go:noinline
func waitOnMutex(ready *sync.WaitGroup, mu *sync.Mutex) {
	ready.Done()
	mu.Lock()
	mu.Unlock()
}

//go:noinline
func waitInSelect(ready *sync.WaitGroup, a, b chan struct{}) {
	ready.Done()
	select {
	case <-a:
	case <-b:
	}
}

//go:noinline
func sleeper(ready *sync.WaitGroup) {
	ready.Done()
	time.Sleep(time.Hour)
}

${WRITE_GO}
func main() {
	var ready sync.WaitGroup
	never := make(chan struct{})
	var mu sync.Mutex
	mu.Lock()
	start := func(n int, f func()) {
		ready.Add(n)
		for i := 0; i < n; i++ {
			go f()
		}
	}
	start(3, func() { waitOnChannel(&ready, never) })
	start(5, func() { waitOnMutex(&ready, &mu) })
	start(7, func() { waitInSelect(&ready, never, never) })
	start(2, func() { sleeper(&ready) })
	ready.Wait()
	time.Sleep(200 * time.Millisecond)
	write(os.Args[1]+".pb.gz", 0)
	write(os.Args[1]+".txt", 2)
}
`;

export interface GoroutineCapture {
  /** `<stem>.pb.gz`: the goroutine profile. */
  readonly profile: string;
  /** `<stem>.txt`: the debug=2 dump. */
  readonly dump: string;
}

/** Builds and runs the program in `dir`; returns the two files it wrote. */
export async function captureGoroutines(dir: string): Promise<GoroutineCapture> {
  const src = join(dir, 'prog');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'go.mod'), 'module goroutinedump\n\ngo 1.21\n');
  writeFileSync(join(src, 'main.go'), SOURCE);
  const stem = join(dir, 'goroutines');
  await run('go', ['run', '.', stem], { cwd: src, env: goEnv(), timeoutMs: 300_000 });
  return { profile: `${stem}.pb.gz`, dump: `${stem}.txt` };
}
