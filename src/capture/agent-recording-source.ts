/**
 * The agent's recording parts, kept apart from its server (agent-source.ts): contention
 * sampling from program start, the pprof label its goroutines run under, and writing what
 * is being recorded when the program ends. Go source text, appended to AGENT_SOURCE; the
 * same rules hold (standard library only, Go 1.16, every name prefixed).
 */
import { AGENT_LABEL, AGENT_PREFIX as P, ENV_BLOCK_RATE, ENV_EXIT_DIR, ENV_MUTEX_FRACTION, EXIT_FILES, WHOLE_RUN_FILES } from './agent-protocol';

export const RECORDING_SOURCE = String.raw`
// ${P}Rec is what the agent records beside its server: the contention sampling rates set
// at start, the folder a recording still running at exit is written to, and whether the
// program is ending (then no recording starts). Guarded by ${P}State.mu.
var ${P}Rec struct {
	mutexFraction int
	blockRate     int
	exitDir       string
	finished      bool
}

// ${P}Configure reads (then unsets) the sampling rates and the exit folder, and switches
// block and mutex sampling on for the whole run: the runtime only records contention that
// began while sampling was on, so a rate set when a capture starts misses what is going on.
func ${P}Configure() {
	${P}Rec.mutexFraction = ${P}EnvInt("${ENV_MUTEX_FRACTION}")
	${P}Rec.blockRate = ${P}EnvInt("${ENV_BLOCK_RATE}")
	${P}Rec.exitDir = ${P}OS.Getenv("${ENV_EXIT_DIR}")
	${P}OS.Unsetenv("${ENV_EXIT_DIR}")
	if ${P}Rec.mutexFraction > 0 {
		${P}Runtime.SetMutexProfileFraction(${P}Rec.mutexFraction)
	}
	if ${P}Rec.blockRate > 0 {
		${P}Runtime.SetBlockProfileRate(${P}Rec.blockRate)
	}
}

func ${P}EnvInt(name string) int {
	text := ${P}OS.Getenv(name)
	${P}OS.Unsetenv(name)
	n, err := ${P}Strconv.Atoi(text)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// ${P}Go runs f in a new goroutine under the agent's pprof label. Goroutines started from
// it inherit the label (the server's connections, the CPU profiler's writer), so their CPU
// samples and goroutines can be told apart from the program's.
func ${P}Go(f func()) {
	go func() {
		labels := ${P}Pprof.Labels("${AGENT_LABEL.key}", "${AGENT_LABEL.value}")
		${P}Pprof.SetGoroutineLabels(${P}Pprof.WithLabels(${P}Context.Background(), labels))
		f()
	}()
}

// ${P}StartWholeRun starts the CPU recording of the whole run, from a labelled goroutine.
func ${P}StartWholeRun(dir string) {
	started := make(chan struct{})
	${P}Go(func() {
		defer close(started)
		buf := new(${P}Bytes.Buffer)
		if err := ${P}Pprof.StartCPUProfile(buf); err != nil {
			${P}Warn("whole-run CPU recording not started: " + err.Error())
			return
		}
		${P}State.mu.Lock()
		${P}State.cpu = buf
		${P}State.wholeRunCPU = true
		${P}State.mu.Unlock()
	})
	<-started
	${P}State.mu.Lock()
	${P}State.wholeRunDir = dir
	${P}State.mu.Unlock()
}

// ${P}Finish writes what is being recorded as the program ends (main returned or panicked,
// os.Exit, or Stop Session asked first): a CPU recording and an execution trace (Start
// Trace) to the exit folder; in whole-run
// mode CPU (start to now), heap (after a GC) and allocs to the whole-run folder. Only the
// first call does anything.
func ${P}Finish() {
	${P}State.mu.Lock()
	defer ${P}State.mu.Unlock()
	if ${P}Rec.finished {
		return
	}
	${P}Rec.finished = true
	${P}TraceAtExit()
	if ${P}State.cpu != nil {
		${P}Pprof.StopCPUProfile()
		if ${P}State.wholeRunCPU {
			${P}Save(${P}Filepath.Join(${P}State.wholeRunDir, "${WHOLE_RUN_FILES.cpu}"), ${P}State.cpu.Bytes())
		} else if ${P}Rec.exitDir != "" {
			${P}Save(${P}Filepath.Join(${P}Rec.exitDir, "${EXIT_FILES.cpu}"), ${P}State.cpu.Bytes())
		}
		${P}State.cpu = nil
		${P}State.wholeRunCPU = false
	}
	dir := ${P}State.wholeRunDir
	if dir == "" {
		return
	}
	${P}Runtime.GC()
	for _, name := range []string{"heap", "allocs"} {
		var buf ${P}Bytes.Buffer
		if err := ${P}Pprof.Lookup(name).WriteTo(&buf, 0); err != nil {
			${P}Warn(name + " profile not written: " + err.Error())
			continue
		}
		${P}Save(${P}Filepath.Join(dir, name+".pb.gz"), buf.Bytes())
	}
}

// ${P}FinishRoute is ${P}Finish on request, before the program is stopped from outside.
func ${P}FinishRoute(w ${P}HTTP.ResponseWriter, r *${P}HTTP.Request) {
	if r.Method != ${P}HTTP.MethodPost {
		${P}HTTP.Error(w, "use POST", ${P}HTTP.StatusMethodNotAllowed)
		return
	}
	${P}Finish()
	w.WriteHeader(${P}HTTP.StatusNoContent)
}
`;
