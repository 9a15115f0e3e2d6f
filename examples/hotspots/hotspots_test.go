package main

import "testing"

func TestCountPrimes(t *testing.T) {
	if got := countPrimes(100); got != 25 {
		t.Fatalf("countPrimes(100) = %d, want 25", got)
	}
}

func BenchmarkCountPrimes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		countPrimes(20_000)
	}
}

func BenchmarkBuildReport(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buildReport(500)
	}
}

func BenchmarkRound(b *testing.B) {
	for i := 0; i < b.N; i++ {
		round()
	}
}
