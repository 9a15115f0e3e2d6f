/**
 * `go-profiler REPORT --view V FILE` byte for byte against `go tool pprof` run here with the
 * view's settings spelled as flags (-sample_index, -focus, -hide, -lines, …), on a heap profile
 * made by the Go runtime: a view by name from the workspace's .vscode/go-profiler-views.json
 * (found from a sub-folder), a view file, explicit flags over the view's, an unknown name.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCliMain } from '../../support/cli-main';
import { repoRoot } from '../../support/go-fixtures';
import { goPprofRaw } from '../../support/go-pprof';
import { SAVED_VIEWS_FILE } from '../../../src/shared/saved-views';

const heap = join(repoRoot, 'test', 'fixtures', 'go-profiles', 'heap.pb.gz');
const workspace = mkdtempSync(join(tmpdir(), 'go-profiler-view-cli-'));
after(() => rmSync(workspace, { recursive: true, force: true }));
const sub = join(workspace, 'cmd', 'svc');
mkdirSync(sub, { recursive: true });
mkdirSync(join(workspace, '.vscode'));
const none = { granularity: 'functions', focus: '', ignore: '', hide: '', show: '', tagFocus: '' } as const;
const views = [
  { name: 'allocs of main', state: { sampleType: 'alloc_space', view: 'top', filters: { ...none, focus: 'main\\.alloc', hide: 'runtime' }, zoomPath: ['runtime.main'] } },
  { name: 'kept objects by line', state: { sampleType: 'inuse_objects', view: 'tree', filters: { ...none, granularity: 'lines', ignore: 'Freed' } } },
];
writeFileSync(join(workspace, SAVED_VIEWS_FILE), JSON.stringify({ version: 1, views }, null, 2));
const viewFile = join(workspace, 'one-view.json');
writeFileSync(viewFile, JSON.stringify(views[0]));

/** go-profiler run with `cwd` as the current folder (where --view NAME starts looking). */
async function goProfilerIn(cwd: string, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await runCliMain(args);
  } finally {
    process.chdir(before);
  }
}

test('a saved view gives the report of go tool pprof with the same settings as flags', async () => {
  const cases: [string[], string[]][] = [
    [['top', heap, '--view', 'allocs of main'], ['-top', '-sample_index=alloc_space', '-focus=main\\.alloc', '-hide=runtime']],
    [['tree', heap, '--view', 'kept objects by line'], ['-tree', '-sample_index=inuse_objects', '-lines', '-ignore=Freed']],
    [['peek', heap, 'main\\.main', '--view', 'kept objects by line'], ['-peek=main\\.main', '-sample_index=inuse_objects', '-lines', '-ignore=Freed']],
    // Explicit flags win over the view's.
    [['top', heap, '--view', 'allocs of main', '--sample-index', 'inuse_space', '--hide', 'Medium'], ['-top', '-sample_index=inuse_space', '-focus=main\\.alloc', '-hide=Medium']],
    [['top', heap, '--view', viewFile], ['-top', '-sample_index=alloc_space', '-focus=main\\.alloc', '-hide=runtime']],
  ];
  for (const [ours, theirs] of cases) {
    const r = await goProfilerIn(sub, ours);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, await goPprofRaw(heap, theirs), `go-profiler ${ours.join(' ')}`);
  }
});

test('an unknown view name: exit 2, one line naming the file and listing the views', async () => {
  const r = await goProfilerIn(sub, ['top', heap, '--view', 'nope']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err, `go-profiler: --view: no view named "nope" in ${join(workspace, SAVED_VIEWS_FILE)}; its views: "allocs of main", "kept objects by line"\n`);
});
