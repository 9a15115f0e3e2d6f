import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readHistory, rememberUrl } from '../../../src/session/attach-history';
import { captureActions } from '../../../src/session/capture-menu';
import { parseEnvFile } from '../../../src/session/env-file';
import { goCandidates, lookupGo } from '../../../src/golang/go-lookup';
import { parseMainPackages } from '../../../src/golang/go-list';
import { formatElapsed, recordingStatusText } from '../../../src/session/recording-format';

describe('recording texts', () => {
  it('formats elapsed time as m:ss and h:mm:ss', () => {
    assert.equal(formatElapsed(0), '0:00');
    assert.equal(formatElapsed(12_999), '0:12');
    assert.equal(formatElapsed(62_000), '1:02');
    assert.equal(formatElapsed(3_725_000), '1:02:05');
    assert.equal(recordingStatusText('CPU', 12_300), '$(record) Recording CPU 0:12');
  });
});

describe('envFile', () => {
  it('reads KEY=VALUE with comments, export, quotes and inline comments', () => {
    const text = '# c\nexport A=1\nB = "two words"\nC=\'lit\\n\'\nD=x # note\nE="a\\nb"\n\n';
    assert.deepEqual(parseEnvFile(text, '.env'), { A: '1', B: 'two words', C: 'lit\\n', D: 'x', E: 'a\nb' });
  });
  it('names the file and line of a bad entry', () => {
    assert.throws(() => parseEnvFile('A=1\nnot a pair\n', '/ws/.env'), /\/ws\/\.env:2: expected KEY=VALUE/);
  });
});

describe('go lookup order', () => {
  const base = { pathVariable: ['/usr/bin', '/usr/local/go/bin'].join(':'), platform: 'linux' as const };
  it('goPath setting alone when set (no silent fallback)', () => {
    assert.deepEqual(goCandidates({ ...base, goPath: '/opt/go/bin/go', goroot: '/g' }), [{ path: '/opt/go/bin/go', from: 'goProfiler.goPath' }]);
    const missing = lookupGo({ ...base, goPath: '/nope/go' }, () => false);
    assert.ok(!missing.found && /goProfiler.goPath is set to \/nope\/go/.test(missing.problem));
  });
  it('then go.alternateTools.go, go.goroot/bin/go, then PATH', () => {
    const order = goCandidates({ ...base, alternateGo: 'go1.22', goroot: '/g' }).map((c) => `${c.from}:${c.path}`);
    assert.deepEqual(order, [
      'go.alternateTools.go:/usr/bin/go1.22',
      'go.alternateTools.go:/usr/local/go/bin/go1.22',
      `go.goroot:${join('/g', 'bin', 'go')}`,
      'PATH:/usr/bin/go',
      'PATH:/usr/local/go/bin/go',
    ]);
    const found = lookupGo({ ...base, goroot: '/g' }, (p) => p === '/usr/local/go/bin/go');
    assert.deepEqual(found, { found: { path: '/usr/local/go/bin/go', from: 'PATH' } });
  });
  it('says nothing was found when no candidate is executable', () => {
    const r = lookupGo(base, () => false);
    assert.ok(!r.found);
    assert.equal(r.tried.length, 2);
    assert.match(r.problem, /not found/);
  });
});

describe('main packages from go list', () => {
  it('keeps package main lines, sorted by import path', () => {
    const out = 'main\tex.com/b\t/ws/b\nlib\tex.com/lib\t/ws/lib\nmain\tex.com/a\t/ws/a\n\n';
    assert.deepEqual(parseMainPackages(out), [
      { importPath: 'ex.com/a', dir: '/ws/a' },
      { importPath: 'ex.com/b', dir: '/ws/b' },
    ]);
  });
});

describe('attach history and capture menu', () => {
  it('remembers URLs newest first without duplicates, capped', () => {
    assert.deepEqual(rememberUrl(['a', 'b', 'c'], 'b'), ['b', 'a', 'c']);
    assert.deepEqual(rememberUrl(['a', 'b'], 'c', 2), ['c', 'a']);
    assert.deepEqual(readHistory(['x', 3, null, 'y']), ['x', 'y']);
    assert.deepEqual(readHistory('junk'), []);
  });
  it('offers CPU as a timed capture only when attached (agents use start/stop)', () => {
    assert.equal(captureActions('agent').some((a) => a.kind === 'cpu'), false);
    assert.deepEqual(captureActions('attach')[0], { kind: 'cpu', label: 'CPU', timed: true });
    assert.deepEqual(
      captureActions('agent').filter((a) => a.timed).map((a) => a.kind),
      ['block', 'mutex', 'trace'],
    );
  });
});
