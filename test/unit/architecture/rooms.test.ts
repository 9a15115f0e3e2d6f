/**
 * The rooms of src/ depend one way (docs/architecture.md): no folder imports a folder that
 * imports it back, the webview imports only src/shared, no source file is over 400 lines,
 * and `npm run lint` refuses an import that breaks the direction.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const repo = resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** `src/<room>` for files in a folder of src/, `src` for the entry files, `webview` for the UI. */
function roomOf(file: string): string {
  const parts = relative(repo, file).split(sep);
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : 'src';
  return parts[0]!;
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) specs.push(m[1]!);
  return specs;
}

/** The file an import names: `x.ts`, or `x/index.ts` for a folder. */
function resolveModule(path: string): string {
  if (existsSync(`${path}.ts`)) return `${path}.ts`;
  if (existsSync(path) && statSync(path).isDirectory()) return join(path, 'index.ts');
  return path;
}

function roomGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of [...sourceFiles(join(repo, 'src')), ...sourceFiles(join(repo, 'webview'))]) {
    const from = roomOf(file);
    for (const spec of relativeImports(file)) {
      const to = roomOf(resolveModule(resolve(dirname(file), spec)));
      if (to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

describe('rooms', () => {
  it('no room of src/ reaches itself again through its imports', () => {
    const graph = roomGraph();
    const cycles: string[] = [];
    for (const start of graph.keys()) {
      const seen = new Set<string>();
      const stack = [...(graph.get(start) ?? [])];
      while (stack.length > 0) {
        const room = stack.pop()!;
        if (room === start) {
          cycles.push(start);
          break;
        }
        if (seen.has(room)) continue;
        seen.add(room);
        stack.push(...(graph.get(room) ?? []));
      }
    }
    assert.deepEqual(cycles, []);
  });

  it('the webview imports only src/shared', () => {
    assert.deepEqual([...(roomGraph().get('webview') ?? [])].sort(), ['src/shared']);
  });

  it('no source file is over 400 lines', () => {
    // Code generated from .proto files (src/**/gen/) is not written by hand and is regenerated whole.
    const long = [...sourceFiles(join(repo, 'src')), ...sourceFiles(join(repo, 'webview'))]
      .filter((f) => !relative(repo, f).split(sep).includes('gen'))
      .map((f) => ({ file: relative(repo, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 400);
    assert.deepEqual(long, []);
  });

  it('lint refuses vscode in a pure room, an upward import, and the webview reaching past src/shared', async () => {
    const eslint = new ESLint({ cwd: repo });
    const cases = [
      { file: 'src/analysis/probe.ts', text: "import * as vscode from 'vscode';\nexport const x = vscode;\n" },
      { file: 'src/pprof/probe.ts', text: "import { x } from '../analysis/filters';\nexport const y = x;\n" },
      { file: 'src/capture/probe.ts', text: "import { x } from '../session/trust';\nexport const y = x;\n" },
      { file: 'src/shared/probe.ts', text: "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n" },
      { file: 'webview/probe.ts', text: "import { x } from '../src/analysis/filters';\nexport const y = x;\n" },
    ];
    for (const c of cases) {
      const [result] = await eslint.lintText(c.text, { filePath: join(repo, c.file) });
      const rules = (result?.messages ?? []).map((m) => m.ruleId);
      assert.ok(rules.includes('no-restricted-imports'), `${c.file}: ${JSON.stringify(result?.messages)}`);
    }
    const [allowed] = await eslint.lintText("import { x } from '../pprof/profile';\nexport const y = x;\n", {
      filePath: join(repo, 'src/analysis/probe.ts'),
    });
    assert.deepEqual((allowed?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports'), []);
  });
});
