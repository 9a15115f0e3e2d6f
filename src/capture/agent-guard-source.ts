/**
 * The agent's guard functions (Go source, spliced into AGENT_SOURCE): how it takes its token,
 * how its HTTP server is bounded, and the watchdog that ends the program when the launcher
 * is gone. Same rules as the rest of the agent: standard library, Go 1.16, every name
 * prefixed, every import aliased (imports are declared in agent-source.ts).
 *
 * - Token: on Unix the launcher writes it to a pipe on fd 3 instead of the environment.
 *   Unsetting a variable changes only Go's copy; /proc/<pid>/environ keeps showing the
 *   block the program started with, to every process of the same user, for its whole life.
 * - Watchdog: the launcher keeps its end of that pipe open and never writes again, so a
 *   read returns only when every copy of the launcher's end is closed: the launcher exited
 *   or was killed (the kernel closes a SIGKILLed process's descriptors). Node cannot set
 *   PR_SET_PDEATHSIG for the processes it spawns, and polling getppid would wake the
 *   program every interval; the pipe costs one goroutine parked in the network poller. The
 *   descriptor is close-on-exec, so the program's own children do not inherit it.
 * - Server: a client that connects and then sends nothing, or its headers a byte at a time,
 *   is cut off after AGENT_HEADER_TIMEOUT_SECONDS; connections are not kept alive (the
 *   launcher opens one per request), and at most AGENT_MAX_CONNECTIONS are open at once:
 *   more wait in the kernel's listen queue, holding none of the program's descriptors.
 */
import { AGENT_PREFIX as P, ENV_PARENT_PIPE, ENV_TOKEN, PARENT_PIPE_FD } from './agent-protocol';

/** Connections the agent serves at once; later ones wait to be accepted. */
export const AGENT_MAX_CONNECTIONS = 64;
/** How long a connection may take to send its request headers. */
export const AGENT_HEADER_TIMEOUT_SECONDS = 5;

export const AGENT_GUARD_FUNCTIONS = String.raw`
// ${P}TakeToken returns the token the launcher handed over, and starts the watchdog when
// the handover came through the parent pipe. Without the pipe (Windows) the token comes
// from the environment, which is then cleared for the program's own use of it.
func ${P}TakeToken() string {
	token := ${P}OS.Getenv("${ENV_TOKEN}")
	pipe := ${P}OS.Getenv("${ENV_PARENT_PIPE}")
	${P}OS.Unsetenv("${ENV_TOKEN}")
	${P}OS.Unsetenv("${ENV_PARENT_PIPE}")
	if pipe != "${PARENT_PIPE_FD}" {
		return token
	}
	// Kept from the processes the program starts; non-blocking, so reads wait in the poller.
	${P}Syscall.CloseOnExec(${PARENT_PIPE_FD})
	${P}Syscall.SetNonblock(${PARENT_PIPE_FD}, true)
	parent := ${P}OS.NewFile(${PARENT_PIPE_FD}, "go-profiler-parent")
	fields := ${P}ReadHandover(parent)
	if len(fields) != 3 {
		// The launcher ended before it finished writing: the watchdog sees that at once.
		go ${P}Watchdog(parent, false, "")
		return ""
	}
	go ${P}Watchdog(parent, fields[1] == "1", fields[2])
	return fields[0]
}

// ${P}ReadHandover reads "token\x00group\x00folder\x00" (group is 1 when the program leads
// its own process group); nil if the pipe ends first.
func ${P}ReadHandover(parent *${P}OS.File) []string {
	var data []byte
	buf := make([]byte, 512)
	for ${P}Bytes.Count(data, []byte{0}) < 3 && len(data) < 1<<16 {
		n, err := parent.Read(buf)
		data = append(data, buf[:n]...)
		if err != nil {
			break
		}
	}
	parts := ${P}Bytes.Split(data, []byte{0})
	if len(parts) != 4 {
		return nil
	}
	return []string{string(parts[0]), string(parts[1]), string(parts[2])}
}

// ${P}Watchdog returns only when the launcher is gone; then it removes the launcher's temp
// folder and ends the program with every process it started, as the launcher would have.
func ${P}Watchdog(parent *${P}OS.File, ownGroup bool, folder string) {
	buf := make([]byte, 64)
	for {
		if _, err := parent.Read(buf); err != nil {
			break
		}
	}
	if folder != "" {
		${P}OS.RemoveAll(folder)
	}
	self := ${P}OS.Getpid()
	for _, pid := range ${P}Descendants(self) {
		${P}Kill(pid)
	}
	if ownGroup {
		// kill(2) with a negative pid signals the process group: where /proc cannot be
		// read, the group is what can be found of the program's children. It includes self.
		${P}Kill(-self)
	}
	${P}Kill(self)
	${P}OS.Exit(2)
}

func ${P}Kill(pid int) {
	if process, err := ${P}OS.FindProcess(pid); err == nil {
		process.Kill()
	}
}

// ${P}Descendants lists the running descendants of root from /proc (Linux; none elsewhere),
// those that left its process group or session included.
func ${P}Descendants(root int) []int {
	entries, err := ${P}OS.ReadDir("/proc")
	if err != nil {
		return nil
	}
	parents := map[int]int{}
	for _, entry := range entries {
		pid, err := ${P}Strconv.Atoi(entry.Name())
		if err != nil {
			continue
		}
		stat, err := ${P}OS.ReadFile("/proc/" + entry.Name() + "/stat")
		if err != nil {
			continue
		}
		// "pid (name) state ppid ...": the name may hold spaces and ')'.
		fields := ${P}Bytes.Fields(stat[${P}Bytes.LastIndexByte(stat, ')')+1:])
		if len(fields) < 2 {
			continue
		}
		if ppid, err := ${P}Strconv.Atoi(string(fields[1])); err == nil {
			parents[pid] = ppid
		}
	}
	found := map[int]bool{root: true}
	var list []int
	for grew := true; grew; {
		grew = false
		for pid, ppid := range parents {
			if found[ppid] && !found[pid] {
				found[pid] = true
				list = append(list, pid)
				grew = true
			}
		}
	}
	return list
}

// ${P}StartServer serves handler on listener so that no client can hold the program's
// descriptors: headers must arrive within a deadline, and connections are capped.
func ${P}StartServer(listener ${P}Net.Listener, handler ${P}HTTP.Handler) {
	server := &${P}HTTP.Server{
		Handler:           handler,
		ErrorLog:          ${P}Log.New(${P}IO.Discard, "", 0),
		ReadHeaderTimeout: ${AGENT_HEADER_TIMEOUT_SECONDS} * ${P}Time.Second,
		IdleTimeout:       ${AGENT_HEADER_TIMEOUT_SECONDS} * ${P}Time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	// One request per connection: nothing idles, and an unread request body is never drained.
	server.SetKeepAlivesEnabled(false)
	slots := make(chan struct{}, ${AGENT_MAX_CONNECTIONS})
	go server.Serve(&${P}Limited{Listener: listener, slots: slots})
}

// ${P}Limited accepts a connection only while fewer than cap(slots) are open.
type ${P}Limited struct {
	${P}Net.Listener
	slots chan struct{}
}

func (l *${P}Limited) Accept() (${P}Net.Conn, error) {
	l.slots <- struct{}{}
	conn, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &${P}LimitedConn{Conn: conn, slots: l.slots}, nil
}

type ${P}LimitedConn struct {
	${P}Net.Conn
	slots chan struct{}
	once  ${P}Sync.Once
}

func (c *${P}LimitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { <-c.slots })
	return err
}`;
