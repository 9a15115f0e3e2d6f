package main

// leakWorkers starts goroutines that wait forever on a channel nobody closes: the
// goroutine profile shows their number growing with every round.
func leakWorkers(n int) {
	for i := 0; i < n; i++ {
		jobs := make(chan int)
		go waitForJob(jobs)
	}
}

func waitForJob(jobs <-chan int) {
	for range jobs {
	}
}
