/**
 * What in a capture is the agent's doing rather than the program's, by frame name: its own
 * functions (AGENT_PREFIX), packages only it brings in (agent-packages.ts), and the CPU
 * profiler's writer goroutine once the agent has run the profiler. Used by strip-agent.ts
 * (profiles) and strip-agent-dump.ts (goroutine dumps). Pure.
 */
import { packageOfFunction } from '../analysis/source-paths';
import { AGENT_PREFIX } from './agent-protocol';

export interface AgentFootprint {
  /** Packages the program does not import itself: every frame of theirs is the agent's. */
  readonly agentOnlyPackages: ReadonlySet<string>;
  /** The agent has run the CPU profiler in this process: stacks rooted in its writer goroutine are the agent's. */
  readonly cpuProfilerUsed: boolean;
}

export const NO_FOOTPRINT: AgentFootprint = { agentOnlyPackages: new Set(), cpuProfilerUsed: false };

/** The agent's functions and its types' methods: main.goprofilerAgentX, main.(*goprofilerAgentT).M. */
const AGENT_FUNCTIONS = new RegExp(`^main\\.(?:\\(\\*?)?${AGENT_PREFIX}`);
/** The goroutine runtime/pprof starts to build a CPU profile. */
export const CPU_PROFILE_WRITER = 'runtime/pprof.profileWriter';

/** Whether a function (a frame) is the agent's. */
export function isAgentFunction(name: string, footprint: AgentFootprint): boolean {
  if (AGENT_FUNCTIONS.test(name)) return true;
  const pkg = packageOfFunction(name);
  return pkg !== undefined && footprint.agentOnlyPackages.has(pkg);
}

/** Whether a stack whose outermost frame (runtime.goexit aside) is `root` belongs to the agent. */
export function isAgentRoot(root: string | undefined, footprint: AgentFootprint): boolean {
  return footprint.cpuProfilerUsed && root === CPU_PROFILE_WRITER;
}
