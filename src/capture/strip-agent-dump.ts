/**
 * Takes the agent out of a `debug=2` goroutine dump, as strip-agent.ts does for profiles:
 * a goroutine with a frame of the agent's, or started by one of the agent's goroutines
 * ("created by … in goroutine N", followed through), is left out; the user's renamed main is
 * named main.main again and the generated main's frame is removed. Pure.
 */
import { frameRole, userMainName, type AgentFootprint } from './agent-footprint';

interface Goroutine {
  readonly id: number | undefined;
  lines: string[];
  readonly functions: string[];
  readonly creator: string | undefined;
  readonly parent: number | undefined;
}

const HEADER = /^goroutine (\d+)\b.*:$/;
const CREATED_BY = /^created by (\S+)(?: in goroutine (\d+))?$/;
/** "pkg.f(args)" → "pkg.f"; arguments never hold parentheses. */
const CALL = /^(\S.*)\([^()]*\)$/;

function parse(block: string): Goroutine {
  const lines = block.split('\n');
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
  return { id: id === undefined ? undefined : Number(id), lines, functions, creator, parent };
}

/** The dump without the agent's goroutines and frames. */
export function stripAgentDump(text: string, footprint: AgentFootprint): string {
  const trailing = /\n*$/.exec(text)?.[0] ?? '';
  const goroutines = text.slice(0, text.length - trailing.length).split('\n\n').map(parse);
  const agents = new Set<number>();
  const isAgent = (g: Goroutine): boolean =>
    [...g.functions, ...(g.creator === undefined ? [] : [g.creator])].some((f) => frameRole(f, footprint) === 'agent') ||
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
  const kept = goroutines.filter((g) => g.id === undefined || !agents.has(g.id));
  if (kept.length === goroutines.length && !footprint.wrapsMain) return text;
  return kept.map((g) => userFrames(g.lines, footprint).join('\n')).join('\n\n') + trailing;
}

/** Lines without the generated main's frames (a call line and its file line), user main renamed. */
function userFrames(lines: readonly string[], footprint: AgentFootprint): string[] {
  if (!footprint.wrapsMain) return [...lines];
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const name = CALL.exec(line)?.[1] ?? CREATED_BY.exec(line)?.[1];
    const role = name === undefined ? 'program' : frameRole(name, footprint);
    if (role === 'wrapper' && !line.startsWith('created by ')) {
      if (lines[i + 1]?.startsWith('\t')) i++;
      continue;
    }
    out.push(role === 'user-main' && name !== undefined ? line.replace(name, userMainName(name)) : line);
  }
  return out;
}
