import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeCause, errorCode, StoreWriteError } from '../../../src/store/write-errors';

function nodeError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('store write errors in words', () => {
  it('names the cause of the common failures without Node text', () => {
    const cases: [string, RegExp][] = [
      ['ENOSPC', /disk is full/],
      ['EROFS', /read-only file system/],
      ['EACCES', /read-only for this user/],
      ['EPERM', /read-only or locked/],
      ['ENOENT', /folder does not exist/],
      ['ENOTDIR', /is a file, not a folder/],
    ];
    for (const [code, words] of cases) {
      const text = describeCause(nodeError(code, `${code}: raw node text, open '/x/.go-profiler-abc.tmp'`));
      assert.match(text, words, code);
      assert.ok(text.endsWith(`(${code})`), text);
      assert.doesNotMatch(text, /raw node text|\.tmp/, `${code} leaked the system text: ${text}`);
    }
  });

  it('keeps the system text, without the code prefix, for an unknown code', () => {
    assert.equal(describeCause(nodeError('EWEIRD', 'EWEIRD: something odd')), 'something odd (EWEIRD)');
    assert.equal(describeCause(new Error('plain')), 'plain');
    assert.equal(errorCode('nope'), undefined);
  });

  it('a StoreWriteError names the folder, the file and the cause', () => {
    const e = new StoreWriteError('/data/profiles', 'srv-cpu-20261122T000000Z.pb.gz', nodeError('ENOSPC', 'ENOSPC: no space left on device, write'));
    assert.equal(e.message, 'cannot save srv-cpu-20261122T000000Z.pb.gz in /data/profiles: the disk is full (no space left on the device) (ENOSPC)');
    assert.equal(e.code, 'ENOSPC');
  });
});
