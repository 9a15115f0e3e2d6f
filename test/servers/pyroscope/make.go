package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"
)

// Entry is one stored profile: its file, tenant, labels and time (ms since epoch).
type Entry struct {
	File   string            `json:"file"`
	Name   string            `json:"name"` // Pyroscope's profile name: process_cpu, memory, goroutine
	Tenant string            `json:"tenant"`
	Labels map[string]string `json:"labels"`
	TimeMs int64             `json:"timeMs"`
}

// Base is the first time point of the made profiles: 2026-12-01T10:00:00Z.
var Base = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

type replica struct {
	tenant, service, version, region, pod string
	work                                  func(stop time.Time)
}

var sink [32]byte
var keep [][]byte

// Each service and version does different work, so their merged profiles differ.
func hashWork(stop time.Time) {
	for time.Now().Before(stop) {
		for i := 0; i < 2000; i++ {
			sink = sha256.Sum256(sink[:])
		}
	}
}

func sortWork(stop time.Time) {
	for time.Now().Before(stop) {
		xs := make([]int, 20000)
		for i := range xs {
			xs[i] = (i * 7919) % 10007
		}
		sort.Ints(xs)
		keep = append(keep[:0], make([]byte, 4096))
	}
}

func stringWork(stop time.Time) {
	for time.Now().Before(stop) {
		var b strings.Builder
		for i := 0; i < 2000; i++ {
			fmt.Fprintf(&b, "%d,", i)
		}
		keep = append(keep[:0], []byte(b.String()))
	}
}

var replicas = []replica{
	{"", "checkout", "v1", "eu", "checkout-a", hashWork},
	{"", "checkout", "v1", "us", "checkout-b", hashWork},
	{"", "checkout", "v2", "eu", "checkout-c", sortWork},
	{"", "payments", "v1", "eu", "payments-a", stringWork},
	{"team-b", "checkout", "v9", "eu", "b-checkout", stringWork},
}

// makeProfiles writes two time points of CPU, heap and goroutine profiles per replica.
func makeProfiles(dir string) error {
	runtime.MemProfileRate = 4096
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var index []Entry
	for point := 0; point < 2; point++ {
		at := Base.Add(time.Duration(point) * 10 * time.Minute).UnixMilli()
		for i, r := range replicas {
			labels := map[string]string{"service_name": r.service, "version": r.version, "region": r.region, "pod": r.pod}
			stem := fmt.Sprintf("%d-%d-%s-%s", point, i, r.service, r.pod)
			cpu := filepath.Join(dir, stem+"-cpu.pb.gz")
			if err := cpuProfile(cpu, r.work); err != nil {
				return err
			}
			index = append(index, Entry{filepath.Base(cpu), "process_cpu", r.tenant, labels, at})
			for _, kind := range []struct{ profile, name string }{{"heap", "memory"}, {"goroutine", "goroutine"}} {
				file := filepath.Join(dir, stem+"-"+kind.profile+".pb.gz")
				if err := lookupProfile(file, kind.profile); err != nil {
					return err
				}
				index = append(index, Entry{filepath.Base(file), kind.name, r.tenant, labels, at})
			}
		}
	}
	data, err := json.MarshalIndent(index, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.json"), data, 0o644)
}

func cpuProfile(file string, work func(time.Time)) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	work(time.Now().Add(300 * time.Millisecond))
	pprof.StopCPUProfile()
	return f.Close()
}

func lookupProfile(file, name string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		return err
	}
	return f.Close()
}
