/**
 * Builds a main package with the agent injected through `go build -overlay`. Everything
 * written (agent, overlay, whole-run copy of the main file, binary) goes to a private
 * 0700 temp folder (see work-dir.ts); the user's tree is only read.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AGENT_FILE_NAME, AGENT_SOURCE } from './agent-source';
import { CaptureError } from './errors';
import { isGoFileArg, resolveMainPackage, type GoPackage } from './go-package';
import { runTool } from './process';
import { rewriteMainForWholeRun } from './whole-run-main';
import { makeWorkDir, sweepStaleWorkDirs } from './work-dir';

export interface AgentBuildOptions {
  readonly go: string;
  /** Package pattern, resolved in cwd: "./cmd/server", "example.com/x/cmd/y", ".". */
  readonly pattern: string;
  readonly cwd: string;
  readonly wholeRun?: boolean;
  /** Extra `go build` flags (e.g. from launch.json buildFlags), placed before the package. */
  readonly buildFlags?: readonly string[];
  /** Further .go files when `pattern` is one: a program named by its files, as `go run a.go b.go`. */
  readonly moreFiles?: readonly string[];
  /** Interrupts the build: the go command is stopped, the temp folder removed, and the build rejects ('cancelled'). */
  readonly signal?: AbortSignal;
}

export interface AgentBuild {
  readonly pkg: GoPackage;
  /** Short program name: the package's last path element. */
  readonly program: string;
  /** Private temp folder holding the binary; remove with cleanup(). */
  readonly workDir: string;
  readonly binary: string;
  cleanup(): Promise<void>;
}

/** Program name from an import path or, for command-line-arguments, the folder. Pure. */
export function programName(pkg: Pick<GoPackage, 'importPath' | 'dir'>): string {
  const fromPath = pkg.importPath === 'command-line-arguments' ? basename(pkg.dir) : pkg.importPath.split('/').pop();
  return fromPath || 'program';
}

/** JSON for `go build -overlay`: virtual (or replaced) path → file holding its content. Pure. */
export function overlayJson(replace: Readonly<Record<string, string>>): string {
  return JSON.stringify({ Replace: replace }, null, 2);
}

/** Finds the package file declaring func main and returns its whole-run copy. */
async function wholeRunCopy(pkg: GoPackage): Promise<{ path: string; source: string }> {
  for (const file of pkg.goFiles) {
    const path = join(pkg.dir, file);
    const rewritten = rewriteMainForWholeRun(await readFile(path, 'utf8'));
    if (rewritten !== undefined) return { path, source: rewritten };
  }
  throw new CaptureError('build-failed', `whole-run: no file of ${pkg.pattern} declares func main()`);
}

function agentPathIn(dir: string): string {
  let path = join(dir, AGENT_FILE_NAME);
  for (let n = 2; existsSync(path); n++) path = join(dir, AGENT_FILE_NAME.replace(/\.go$/, `_${n}.go`));
  return path;
}

/**
 * What `go build` is given to build: the package pattern; or, for a program named by its
 * files, those files and the agent's (a build of named files compiles only the files named),
 * the agent's named in the same form as the first file so go sees one folder. Pure.
 */
export function buildTargets(pattern: string, moreFiles: readonly string[], agentPath: string): string[] {
  if (!isGoFileArg(pattern)) return [pattern];
  return [pattern, ...moreFiles, join(dirname(pattern), basename(agentPath))];
}

export async function buildWithAgent(options: AgentBuildOptions): Promise<AgentBuild> {
  await sweepStaleWorkDirs();
  const moreFiles = options.moreFiles ?? [];
  const pkg = await resolveMainPackage(options.go, options.pattern, options.cwd, { moreFiles, signal: options.signal });
  const program = programName(pkg);
  const work = await makeWorkDir();
  const workDir = work.path;
  const cleanup = work.remove;
  try {
    const replace: Record<string, string> = {};
    const agentFile = join(workDir, 'agent.go');
    await writeFile(agentFile, AGENT_SOURCE, { mode: 0o600 });
    const agentPath = agentPathIn(pkg.dir);
    replace[agentPath] = agentFile;
    if (options.wholeRun) {
      const copy = await wholeRunCopy(pkg);
      const copyFile = join(workDir, 'main-whole-run.go');
      await writeFile(copyFile, copy.source, { mode: 0o600 });
      replace[copy.path] = copyFile;
    }
    const overlayFile = join(workDir, 'overlay.json');
    await writeFile(overlayFile, overlayJson(replace), { mode: 0o600 });
    const binary = join(workDir, process.platform === 'win32' ? `${program}.exe` : program);
    const args = ['build', '-overlay', overlayFile, '-o', binary, ...(options.buildFlags ?? []), ...buildTargets(options.pattern, moreFiles, agentPath)];
    // The go command's own work folder goes inside ours: go leaves it behind when it is
    // interrupted (SIGINT) or killed, and whatever removes our folder then removes both.
    const goTmp = join(workDir, 'go-tmp');
    await mkdir(goTmp, { mode: 0o700 });
    const env = { ...process.env, GOTMPDIR: goTmp };
    const result = await runTool(options.go, args, { cwd: options.cwd, env, signal: options.signal });
    if (result.interrupted) throw new CaptureError('cancelled', `build of ${pkg.pattern} interrupted`);
    if (result.code !== 0) {
      const output = result.stderr.trim() || result.stdout.trim();
      const firstError = output.split('\n').find((l) => !l.startsWith('#')) ?? `exit code ${result.code}`;
      throw new CaptureError('build-failed', `build of ${pkg.pattern} failed: ${firstError}`, output);
    }
    return { pkg, program, workDir, binary, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
