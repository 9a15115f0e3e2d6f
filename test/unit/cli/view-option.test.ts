import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { withViewOptions } from '../../../src/cli/view-option';
import { SAVED_VIEWS_FILE } from '../../../src/shared/saved-views';
import { readSavedViews, updateSavedViews } from '../../../src/store/saved-views-file';
import { withView } from '../../../src/shared/saved-views';

const root = mkdtempSync(join(tmpdir(), 'go-profiler-views-'));
after(() => rmSync(root, { recursive: true, force: true }));
const nested = join(root, 'svc', 'cmd');
mkdirSync(nested, { recursive: true });
mkdirSync(join(root, '.vscode'));
const filters = { granularity: 'lines', focus: 'main', ignore: '', hide: 'runtime', show: '', tagFocus: '' } as const;
writeFileSync(
  join(root, SAVED_VIEWS_FILE),
  JSON.stringify({ version: 1, views: [{ name: 'allocs', state: { sampleType: 'alloc_space', view: 'top', filters } }, { name: 'plain', state: { view: 'tree' } }] }),
);

test('--view NAME: the views file from the current folder upwards, explicit flags over the view', async () => {
  const args = await withViewOptions(parseArgs('top', ['p.pb.gz', '--view', 'allocs', '--focus', 'work', '--symbolize', 'none']), nested);
  assert.deepEqual(args.report, { sampleIndex: 'alloc_space', granularity: 'lines', focus: 'work', hide: 'runtime', shortNames: false });
  const plain = await withViewOptions(parseArgs('top', ['p.pb.gz', '--view=plain']), root);
  assert.deepEqual(plain.report, { shortNames: true });
});

test('--view: an unknown name lists the names; no views file says where it looked', async () => {
  await assert.rejects(withViewOptions(parseArgs('top', ['p.pb.gz', '--view', 'nope']), nested), (e: unknown) => {
    return e instanceof UsageError && e.message.includes('no view named "nope"') && e.message.includes('"allocs", "plain"');
  });
  const elsewhere = mkdtempSync(join(tmpdir(), 'go-profiler-noviews-'));
  try {
    await assert.rejects(withViewOptions(parseArgs('top', ['p.pb.gz', '--view', 'allocs']), elsewhere), /no \.vscode\/go-profiler-views\.json in /);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('--view FILE.json: one view object, or a views file with one view', async () => {
  const single = join(root, 'one.json');
  writeFileSync(single, JSON.stringify({ name: 'x', state: { sampleType: 'inuse_space', filters } }));
  assert.deepEqual((await withViewOptions(parseArgs('top', ['p', '--view', single]), '/')).report.sampleIndex, 'inuse_space');
  const many = join(root, SAVED_VIEWS_FILE);
  await assert.rejects(withViewOptions(parseArgs('top', ['p', '--view', many]), '/'), /holds 2 views \("allocs", "plain"\)/);
  const bad = join(root, 'bad.json');
  writeFileSync(bad, '{"name": "x", "state": {"filters": 3}}');
  await assert.rejects(withViewOptions(parseArgs('top', ['p', '--view', bad]), '/'), (e: unknown) => e instanceof UsageError && e.message.includes(bad) && /malformed "filters"/.test(e.message));
});

test('a corrupt views file is reported naming it, and never written over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'go-profiler-corrupt-'));
  try {
    const file = join(dir, SAVED_VIEWS_FILE);
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(file, '{"views": [');
    await assert.rejects(readSavedViews(file), (e: unknown) => e instanceof Error && e.message.startsWith(`${file}: not valid JSON`));
    await assert.rejects(updateSavedViews(file, (views) => withView(views, 'new', {})));
    assert.equal(readFileSync(file, 'utf8'), '{"views": [');
    // A missing file is an empty list, and the first save creates it.
    const fresh = join(dir, 'other', SAVED_VIEWS_FILE);
    assert.deepEqual(await readSavedViews(fresh), []);
    await updateSavedViews(fresh, (views) => withView(views, 'new', { view: 'top' }));
    assert.deepEqual((await readSavedViews(fresh)).map((v) => [v.name, v.state]), [['new', { view: 'top' }]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
