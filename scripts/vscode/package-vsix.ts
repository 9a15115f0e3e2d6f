// `npm run package`: production build, then `vsce package` into .cache/go-profiler.vsix, then a
// check that the .vsix holds only what a user needs (no sources, tests, maps or node_modules).
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, vsixPath } from './paths';
import { zipEntries } from './zip-entries';

function runOrThrow(what: string, args: string[]): string {
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Paths inside a .vsix that must never ship. */
const forbidden = [/^extension\/src\//, /^extension\/test\//, /^extension\/node_modules\//, /\.map$/, /\.ts$/, /^extension\/\.cache\//];

export function packageVsix(opts: { quiet?: boolean; out?: string } = {}): { file: string; bytes: number; entries: string[] } {
  const file = opts.out ?? vsixPath;
  runOrThrow('production build', [join(repoRoot, 'scripts', 'build.mjs'), '--production']);
  mkdirSync(join(file, '..'), { recursive: true });
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  // No repository URL exists for this project yet; say so rather than invent one.
  const out = runOrThrow('vsce package', [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', file]);
  if (!opts.quiet) process.stdout.write(out);
  const entries = zipEntries(file);
  const bad = entries.filter((e) => forbidden.some((re) => re.test(e)));
  if (bad.length > 0) throw new Error(`the .vsix contains files it must not ship:\n  ${bad.join('\n  ')}`);
  return { file, bytes: statSync(file).size, entries };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  try {
    const { file, bytes, entries } = packageVsix();
    console.log(`${file}: ${(bytes / 1024).toFixed(1)} KiB, ${entries.length} entries`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
