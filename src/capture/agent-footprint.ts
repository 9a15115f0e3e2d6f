/**
 * What in a capture is the agent's doing rather than the program's, by frame name: its own
 * functions (AGENT_PREFIX), packages only it brings in (agent-packages.ts), the CPU
 * profiler's writer goroutine once the agent has run the profiler, and the `main` it
 * generates around the user's. Used by strip-agent.ts (profiles) and strip-agent-dump.ts
 * (goroutine dumps). Pure.
 */
import { packageOfFunction } from '../analysis/source-paths';
import { AGENT_PREFIX } from './agent-protocol';
import { WRAPPED_USER_MAIN } from './agent-source';

export interface AgentFootprint {
  /** Packages the program does not import itself: every frame of theirs is the agent's. */
  readonly agentOnlyPackages: ReadonlySet<string>;
  /** The user's main was renamed and wrapped (build.ts): name it main.main again, drop the wrapper. */
  readonly wrapsMain: boolean;
  /** The agent has run the CPU profiler in this process: stacks rooted in its writer goroutine are the agent's. */
  readonly cpuProfilerUsed: boolean;
}

export const NO_FOOTPRINT: AgentFootprint = { agentOnlyPackages: new Set(), wrapsMain: false, cpuProfilerUsed: false };

const AGENT_FUNCTIONS = `main.${AGENT_PREFIX}`;
const USER_MAIN = `main.${WRAPPED_USER_MAIN}`;
/** The goroutine runtime/pprof starts to build a CPU profile. */
export const CPU_PROFILE_WRITER = 'runtime/pprof.profileWriter';

/** How one function name counts. */
export type FrameRole = 'agent' | 'user-main' | 'wrapper' | 'program';

export function frameRole(name: string, footprint: AgentFootprint): FrameRole {
  if (footprint.wrapsMain) {
    if (name === USER_MAIN || name.startsWith(`${USER_MAIN}.`)) return 'user-main';
    if (name === 'main.main' || name.startsWith('main.main.')) return 'wrapper';
  }
  if (name.startsWith(AGENT_FUNCTIONS)) return 'agent';
  const pkg = packageOfFunction(name);
  return pkg !== undefined && footprint.agentOnlyPackages.has(pkg) ? 'agent' : 'program';
}

/** The user's name of a 'user-main' frame: main.goprofilerAgentUserMain.func1 → main.main.func1. */
export function userMainName(name: string): string {
  return `main.main${name.slice(USER_MAIN.length)}`;
}

/** Whether a stack whose outermost frame (runtime.goexit aside) is `root` belongs to the agent. */
export function isAgentRoot(root: string | undefined, footprint: AgentFootprint): boolean {
  return footprint.cpuProfilerUsed && root === CPU_PROFILE_WRITER;
}
