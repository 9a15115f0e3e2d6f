/**
 * A real Go program with 20,001 goroutines in thousands of distinct stacks (generated
 * functions main.g0 … main.g9699, two goroutines each, parked in a channel receive or a
 * select), plus a leak: 100 goroutines in main.leak before the base capture, 600 after. It
 * writes a base goroutine profile, then the capture (profile + debug=2 dump) as a capture does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goEnv, run } from './go-fixtures';
import { WRITE_GO } from './goroutine-dump-program';

/** Generated functions; each runs two goroutines. */
export const MANY_FUNCTIONS = 9_700;
export const LEAK_BEFORE = 100;
export const LEAK_AFTER = 600;

function source(): string {
  const funcs: string[] = [];
  const table: string[] = [];
  for (let i = 0; i < MANY_FUNCTIONS; i++) {
    funcs.push(`//go:noinline\nfunc g${i}(sel bool) {\n\tready.Done()\n\tif sel {\n\t\tselect {\n\t\tcase <-never:\n\t\tcase <-never:\n\t\t}\n\t}\n\t<-never\n}\n`);
    table.push(`g${i},`);
  }
  return `package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

var never = make(chan struct{})
var ready sync.WaitGroup

// Each function blocks forever itself (so its own frame names the group): in a select, or
// in a channel receive.
//go:noinline
func leak() {
	ready.Done()
	<-never
}

${funcs.join('')}
var table = []func(bool){
${table.join('\n')}
}

${WRITE_GO}
func start(n int, f func()) {
	ready.Add(n)
	for i := 0; i < n; i++ {
		go f()
	}
}

// settle waits until every started goroutine is about to park, and a little more.
func settle() {
	ready.Wait()
	time.Sleep(200 * time.Millisecond)
}

func main() {
	start(${LEAK_BEFORE}, leak)
	settle()
	write(os.Args[1]+".base.pb.gz", 0)
	start(${LEAK_AFTER - LEAK_BEFORE}, leak)
	for i, g := range table {
		g := g
		// Every third function parks both goroutines in a select (one group of 2);
		// the others one in a select and one in a receive (two groups of 1).
		for k := 0; k < 2; k++ {
			sel := k == 0 || i%3 == 0
			start(1, func() { g(sel) })
		}
	}
	settle()
	write(os.Args[1]+".pb.gz", 0)
	write(os.Args[1]+".txt", 2)
}
`;
}

export interface ManyGoroutinesCapture {
  /** `<stem>.base.pb.gz`: the goroutine profile before the leak grew. */
  readonly base: string;
  /** `<stem>.pb.gz` and `<stem>.txt`: the capture with 20,001 goroutines. */
  readonly profile: string;
  readonly dump: string;
}

/** Builds and runs the program in `dir`; returns the files it wrote. */
export async function captureManyGoroutines(dir: string): Promise<ManyGoroutinesCapture> {
  const src = join(dir, 'many');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'go.mod'), 'module manygoroutines\n\ngo 1.21\n');
  writeFileSync(join(src, 'main.go'), source());
  const stem = join(dir, 'many-goroutines');
  await run('go', ['run', '.', stem], { cwd: src, env: goEnv(), timeoutMs: 600_000 });
  return { base: `${stem}.base.pb.gz`, profile: `${stem}.pb.gz`, dump: `${stem}.txt` };
}
