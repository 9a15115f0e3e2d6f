/**
 * The packages only the agent brings into a program. A program that does not import
 * net/http (directly or not) cannot run its code, so every frame of net/http in its profiles
 * (the agent's connections, the package's init) is the agent's. Found with `go list -deps`
 * of the agent's imports, minus the program's own dependencies.
 */
import { AGENT_SOURCE } from './agent-source';
import { runTool } from './process';

/** The import paths in the agent source's import block. Pure. */
export function agentImports(source = AGENT_SOURCE): string[] {
  const block = /\nimport \(\n([\s\S]*?)\n\)/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

/** `agentDeps` minus `programDeps` and the program's own package. Pure. */
export function onlyTheAgents(agentDeps: readonly string[], programDeps: readonly string[], programPath: string): Set<string> {
  const program = new Set([...programDeps, programPath]);
  return new Set(agentDeps.filter((p) => !program.has(p)));
}

const agentDepsCache = new Map<string, Promise<string[]>>();

/** `go list -deps` of the agent's imports (once per go command and folder); [] if go list fails. */
export function agentDeps(go: string, cwd: string): Promise<string[]> {
  const key = `${go}\0${cwd}`;
  let deps = agentDepsCache.get(key);
  if (!deps) {
    deps = runTool(go, ['list', '-deps', '-f', '{{.ImportPath}}', '--', ...agentImports()], { cwd }).then((r) => {
      if (r.code === 0) return r.stdout.split('\n').filter((l) => l !== '');
      agentDepsCache.delete(key); // not kept: the next build asks again
      return [];
    });
    agentDepsCache.set(key, deps);
  }
  return deps;
}
