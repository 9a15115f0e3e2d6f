/**
 * Takes the agent out of a `debug=2` goroutine dump, as strip-agent.ts does for profiles:
 * a goroutine with a frame of the agent's, one the agent started (the CPU profiler's writer)
 * or one started by an agent goroutine ("created by … in goroutine N", followed through) is
 * left out. Pure.
 */
import { isAgentFunction, isAgentRoot, type AgentFootprint } from './agent-footprint';

interface Goroutine {
  readonly id: number | undefined;
  readonly text: string;
  readonly functions: string[];
  readonly creator: string | undefined;
  readonly parent: number | undefined;
}

const HEADER = /^goroutine (\d+)\b.*:$/;
const CREATED_BY = /^created by (\S+)(?: in goroutine (\d+))?$/;
/** "pkg.f(args)" → "pkg.f"; arguments never hold parentheses. */
const CALL = /^(\S.*)\([^()]*\)$/;

function parse(text: string): Goroutine {
  const lines = text.split('\n');
  const id = HEADER.exec(lines[0] ?? '')?.[1];
  const functions: string[] = [];
  let creator: string | undefined;
  let parent: number | undefined;
  for (const line of lines.slice(1)) {
    const created = CREATED_BY.exec(line);
    if (created) {
      creator = created[1];
      parent = created[2] === undefined ? undefined : Number(created[2]);
      continue;
    }
    const call = CALL.exec(line);
    if (call) functions.push(call[1]!);
  }
  return { id: id === undefined ? undefined : Number(id), text, functions, creator, parent };
}

/** The dump without the agent's goroutines and frames. */
export function stripAgentDump(text: string, footprint: AgentFootprint): string {
  const trailing = /\n*$/.exec(text)?.[0] ?? '';
  const goroutines = text.slice(0, text.length - trailing.length).split('\n\n').map(parse);
  const agents = new Set<number>();
  const isAgent = (g: Goroutine): boolean =>
    [...g.functions, ...(g.creator === undefined ? [] : [g.creator])].some((f) => isAgentFunction(f, footprint)) ||
    isAgentRoot(g.functions.at(-1), footprint) ||
    (g.parent !== undefined && agents.has(g.parent));
  // Creators may come after the goroutines they started: repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of goroutines) {
      if (g.id === undefined || agents.has(g.id) || !isAgent(g)) continue;
      agents.add(g.id);
      changed = true;
    }
  }
  if (agents.size === 0) return text;
  return (
    goroutines
      .filter((g) => g.id === undefined || !agents.has(g.id))
      .map((g) => g.text)
      .join('\n\n') + trailing
  );
}
