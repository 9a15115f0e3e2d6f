/**
 * The agent's open-ended execution trace (Start Trace / Stop Trace in a session), beside its
 * timed one (ROUTES.trace): runtime/trace into a buffer from start to stop; a trace still
 * running when the program ends is written to the exit folder by Finish, like a CPU
 * recording. Go source text appended to AGENT_SOURCE (same rules: standard library, Go 1.16,
 * every name prefixed).
 */
import { AGENT_PREFIX as P, EXIT_FILES } from './agent-protocol';

export const TRACE_RECORDING_SOURCE = String.raw`
// ${P}TraceBuf holds the open-ended trace while it runs. Guarded by ${P}State.mu.
var ${P}TraceBuf *${P}Bytes.Buffer

func ${P}TraceStart(w ${P}HTTP.ResponseWriter, r *${P}HTTP.Request) {
	if r.Method != ${P}HTTP.MethodPost {
		${P}HTTP.Error(w, "use POST", ${P}HTTP.StatusMethodNotAllowed)
		return
	}
	${P}State.mu.Lock()
	defer ${P}State.mu.Unlock()
	if ${P}TraceBuf != nil {
		${P}HTTP.Error(w, "an execution trace is already recording", ${P}HTTP.StatusConflict)
		return
	}
	if ${P}Rec.finished {
		${P}HTTP.Error(w, "the program is ending", ${P}HTTP.StatusConflict)
		return
	}
	buf := new(${P}Bytes.Buffer)
	if err := ${P}RuntimeTrace.Start(buf); err != nil {
		${P}HTTP.Error(w, "cannot start the execution trace: "+err.Error(), ${P}HTTP.StatusConflict)
		return
	}
	${P}TraceBuf = buf
	w.WriteHeader(${P}HTTP.StatusNoContent)
}

func ${P}TraceStop(w ${P}HTTP.ResponseWriter, r *${P}HTTP.Request) {
	if r.Method != ${P}HTTP.MethodPost {
		${P}HTTP.Error(w, "use POST", ${P}HTTP.StatusMethodNotAllowed)
		return
	}
	${P}State.mu.Lock()
	defer ${P}State.mu.Unlock()
	if ${P}TraceBuf == nil {
		${P}HTTP.Error(w, "no execution trace was started", ${P}HTTP.StatusConflict)
		return
	}
	${P}RuntimeTrace.Stop()
	buf := ${P}TraceBuf
	${P}TraceBuf = nil
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(buf.Bytes())
}

// ${P}TraceAtExit ends a running trace and writes it to the exit folder; called by
// ${P}Finish with ${P}State.mu held.
func ${P}TraceAtExit() {
	if ${P}TraceBuf == nil {
		return
	}
	${P}RuntimeTrace.Stop()
	if ${P}Rec.exitDir != "" {
		${P}Save(${P}Filepath.Join(${P}Rec.exitDir, "${EXIT_FILES.trace}"), ${P}TraceBuf.Bytes())
	}
	${P}TraceBuf = nil
}
`;
