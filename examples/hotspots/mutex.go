package main

import (
	"sync"
	"time"
)

var (
	ledgerMu sync.Mutex
	ledger   = map[int]int{}
)

// contend makes workers fight over one lock held while sleeping: the mutex and
// block profiles' top entry.
func contend(workers, updates int) int {
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < updates; i++ {
				ledgerMu.Lock()
				ledger[w]++
				if i%50 == 0 {
					time.Sleep(time.Millisecond)
				}
				ledgerMu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	ledgerMu.Lock()
	defer ledgerMu.Unlock()
	return len(ledger)
}
