import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileTimestamp, profileStem, safeNamePart, stemOf } from '../../../src/store/naming';
import { parseSidecar } from '../../../src/store/sidecar';

const when = new Date('2026-11-22T03:45:01.123Z');

describe('profile file names', () => {
  it('is <program>-<type>-<timestamp> with a suffix from the 2nd attempt', () => {
    assert.equal(fileTimestamp(when), '20261122T034501Z');
    assert.equal(profileStem('server', 'cpu', when), 'server-cpu-20261122T034501Z');
    assert.equal(profileStem('server', 'heap-nogc', when, 3), 'server-heap-nogc-20261122T034501Z-3');
  });
  it('makes names safe for every file system', () => {
    assert.equal(safeNamePart('my prog/..\\x:y', 'p'), 'my_prog_.._x_y');
    assert.equal(safeNamePart('...', 'program'), 'program');
    assert.equal(safeNamePart('a'.repeat(100), 'p').length, 60);
  });
  it('recognises profile files', () => {
    assert.equal(stemOf('a-cpu-1.pb.gz'), 'a-cpu-1');
    assert.equal(stemOf('x.pprof'), 'x');
    assert.equal(stemOf('x.json'), undefined);
  });
});

describe('sidecar parsing', () => {
  const good = {
    version: 1,
    program: 'p',
    args: ['-x'],
    capture: { kind: 'cpu', source: 'agent', seconds: 5 },
    startedAt: 'a',
    endedAt: 'b',
    savedAt: 'c',
    profileFile: 'p-cpu.pb.gz',
  };
  it('accepts a complete sidecar', () => {
    assert.equal(parseSidecar(JSON.stringify(good), 's.json').program, 'p');
  });
  it('names the file and the problem', () => {
    assert.throws(() => parseSidecar('{', 's.json'), /^Error: s\.json: not JSON/);
    assert.throws(() => parseSidecar(JSON.stringify({ ...good, version: 2 }), 's.json'), /s\.json: unsupported version 2/);
    assert.throws(() => parseSidecar(JSON.stringify({ ...good, args: [1] }), 's.json'), /"args" must be a list of strings/);
    assert.throws(() => parseSidecar(JSON.stringify({ ...good, capture: {} }), 's.json'), /"capture" must have a kind/);
  });
});
