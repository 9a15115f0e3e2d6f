/**
 * What the launcher and the injected Go agent agree on: environment variable names,
 * HTTP routes and headers. The agent's Go source is generated from these constants,
 * so the two sides cannot drift apart.
 */

/** Random token the agent requires in `Authorization: Bearer <token>`. */
export const ENV_TOKEN = 'GO_PROFILER_AGENT_TOKEN';
/** File the agent writes its listening address to (JSON, written atomically). */
export const ENV_ADDRESS_FILE = 'GO_PROFILER_AGENT_ADDRESS_FILE';
/** Folder for whole-run mode: CPU from start to exit, heap and allocs when main returns. */
export const ENV_WHOLE_RUN_DIR = 'GO_PROFILER_AGENT_WHOLE_RUN_DIR';

/**
 * Set to PARENT_PIPE_FD when the launcher hands over through a pipe on that descriptor
 * (Unix): the handover (token, whether the program leads its own process group, the folder
 * to remove if the launcher dies), then nothing until the launcher's end closes.
 */
export const ENV_PARENT_PIPE = 'GO_PROFILER_AGENT_PARENT_PIPE';
/** The descriptor of that pipe in the program: the first after stdin, stdout and stderr. */
export const PARENT_PIPE_FD = 3;
/** Block and mutex sampling from program start: runtime.SetMutexProfileFraction's argument. */
export const ENV_MUTEX_FRACTION = 'GO_PROFILER_AGENT_MUTEX_FRACTION';
/** runtime.SetBlockProfileRate's argument (nanoseconds), set at program start. */
export const ENV_BLOCK_RATE = 'GO_PROFILER_AGENT_BLOCK_RATE';
/** Folder the agent writes a CPU recording to when the program ends while it runs. */
export const ENV_EXIT_DIR = 'GO_PROFILER_AGENT_EXIT_DIR';

/** Response header of block/mutex recordings: byte length of the baseline snapshot. */
export const HEADER_BASE_LENGTH = 'X-Go-Profiler-Base-Length';

export const ROUTES = {
  cpuStart: '/v1/cpu/start',
  cpuStop: '/v1/cpu/stop',
  heap: '/v1/heap',
  allocs: '/v1/allocs',
  goroutine: '/v1/goroutine',
  threadcreate: '/v1/threadcreate',
  block: '/v1/block',
  mutex: '/v1/mutex',
  /** GET ?seconds=N: a Go execution trace (runtime/trace) of the next N seconds. */
  trace: '/v1/trace',
  /** POST: start an open-ended execution trace; traceStop (POST) answers with it. */
  traceStart: '/v1/trace/start',
  traceStop: '/v1/trace/stop',
  /** The flight recorder (Go 1.25+): ?action=start&seconds=N (POST), snapshot (GET), stop (POST). */
  flight: '/v1/flight',
  /** POST: write what is recording (as at exit) before the program is stopped from outside. */
  finish: '/v1/finish',
} as const;

/** File names written by whole-run mode inside ENV_WHOLE_RUN_DIR. */
export const WHOLE_RUN_FILES = {
  cpu: 'cpu.pb.gz',
  heap: 'heap.pb.gz',
  allocs: 'allocs.pb.gz',
} as const;

/** Files the agent writes in ENV_EXIT_DIR: the CPU recording and the execution trace running when the program ended. */
export const EXIT_FILES = {
  cpu: 'cpu-recording.pb.gz',
  trace: 'trace-recording.trace',
} as const;

/** The pprof label every goroutine of the agent runs under. */
export const AGENT_LABEL = { key: 'go_profiler', value: 'agent' } as const;

/** Prefix of every identifier the agent declares in the user's package main. */
export const AGENT_PREFIX = 'goprofilerAgent';

/** What the agent writes to the address file. */
export interface AgentAddress {
  readonly network: 'tcp';
  readonly address: string;
  readonly pid: number;
  readonly goVersion: string;
}
