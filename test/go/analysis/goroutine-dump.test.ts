import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { functionName, groupGoroutines, looksLikeGoroutineDump, parseGoroutineDump } from '../../../src/analysis/goroutine-dump';
import { captureGoroutines, type GoroutineCapture } from '../../support/goroutine-dump-program';
import { goPprofRaw } from '../../support/go-pprof';
import { parsePprofTraces } from '../../support/pprof-traces';

describe('debug=2 goroutine dump of a real Go program', () => {
  let dir: string;
  let capture: GoroutineCapture;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-dump-'));
    capture = await captureGoroutines(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('groups by identical stack with counts, states and creators', () => {
    const text = readFileSync(capture.dump, 'utf8');
    assert.ok(looksLikeGoroutineDump(text));
    const goroutines = parseGoroutineDump(text);
    const groups = groupGoroutines(goroutines);
    const summary = groups.map((g) => ({ count: g.count, fn: g.frames.find((f) => /^main\.[a-zA-Z]+$/.test(f.name))?.name, state: g.states.map((s) => s.state).join() }));
    assert.deepEqual(summary, [
      { count: 7, fn: 'main.waitInSelect', state: 'select' },
      { count: 5, fn: 'main.waitOnMutex', state: 'sync.Mutex.Lock' },
      { count: 3, fn: 'main.waitOnChannel', state: 'chan receive' },
      { count: 2, fn: 'main.sleeper', state: 'sleep' },
      { count: 1, fn: 'main.write', state: 'running' },
    ]);
    for (const g of groups.slice(0, 4)) {
      assert.equal(g.createdBy?.name, 'main.main.func1', 'created by the start closure');
      assert.match(g.createdBy?.file ?? '', /prog\/main\.go$/);
      assert.ok(g.goroutines.every((x) => x.parent === 1), 'started from goroutine 1');
    }
    const channel = groups[2]!.frames[0]!;
    assert.equal(channel.name, 'main.waitOnChannel');
    assert.match(channel.file, /prog\/main\.go$/);
    assert.equal(channel.line, 13);
    assert.equal(new Set(goroutines.map((g) => g.id)).size, goroutines.length);
  });

  test('the group counts equal go tool pprof -traces on the profile written at the same moment', async () => {
    const traces = parsePprofTraces(await goPprofRaw(capture.profile, ['-traces']));
    const groups = groupGoroutines(parseGoroutineDump(readFileSync(capture.dump, 'utf8')));
    for (const fn of ['main.waitInSelect', 'main.waitOnMutex', 'main.waitOnChannel', 'main.sleeper']) {
      const want = traces.filter((t) => t.frames.includes(fn)).reduce((n, t) => n + t.value, 0);
      const got = groups.filter((g) => g.frames.some((f) => f.name === fn)).reduce((n, g) => n + g.count, 0);
      assert.equal(got, want, fn);
      assert.ok(want > 0);
    }
    const total = traces.reduce((n, t) => n + t.value, 0);
    assert.equal(groups.reduce((n, g) => n + g.count, 0), total);
  });
});

test('headers with wait time and notes, elided frames, argument lists with parentheses', () => {
  const text = [
    'goroutine 7 [chan receive, 12 minutes, locked to thread]:',
    'main.(*T).run(0xc000010000, {0x1, 0x2}, ...)',
    '\t/src/main.go:40 +0x1d',
    'main.f(...)',
    '\t/src/main.go:12',
    '...additional frames elided...',
    'created by main.main',
    '\t/src/main.go:5 +0x25',
    '',
    'goroutine 8 [chan receive, 3 minutes]:',
    'main.(*T).run(0xc000010008, {0x1, 0x2}, ...)',
    '\t/src/main.go:40 +0x1d',
    'main.f(...)',
    '\t/src/main.go:12',
    'created by main.main',
    '\t/src/main.go:5 +0x25',
    '',
  ].join('\n');
  const gs = parseGoroutineDump(text);
  assert.equal(gs.length, 2);
  assert.deepEqual(gs[0]!.notes, ['locked to thread']);
  assert.equal(gs[0]!.waitMinutes, 12);
  assert.deepEqual(gs[0]!.frames.map((f) => `${f.name} ${f.file}:${f.line}`), ['main.(*T).run /src/main.go:40', 'main.f /src/main.go:12']);
  assert.equal(gs[0]!.createdBy?.name, 'main.main');
  assert.equal(gs[0]!.parent, 0);
  const [group] = groupGoroutines(gs);
  assert.equal(group?.count, 2);
  assert.equal(group?.minWaitMinutes, 3);
  assert.equal(group?.maxWaitMinutes, 12);
  assert.equal(functionName('main.g()'), 'main.g');
  assert.equal(functionName('main.(*T).M(0x1)'), 'main.(*T).M');
  assert.equal(looksLikeGoroutineDump('not a dump'), false);
});
