// Finding a program's process tree in /proc/<pid>/stat lines (pure).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProcStat, updateTree, type ProcEntry, type TreeMembers } from '../../../src/capture/process-tree';

/** A /proc/<pid>/stat line as Linux writes it (starttime is field 22). */
function statLine(pid: number, name: string, state: string, ppid: number, pgid: number, startTime: number): string {
  const middle = Array.from({ length: 15 }, (_, i) => String(i));
  return `${pid} (${name}) ${state} ${ppid} ${pgid} ${pgid} 0 -1 4194304 ${middle.slice(0, 12).join(' ')} ${startTime} 1234 56 18446744073709551615`;
}

function entry(pid: number, ppid: number, pgid: number, startTime = 100, state = 'S'): ProcEntry {
  return { pid, ppid, pgid, state, startTime };
}

describe('parseProcStat', () => {
  it('reads pid, state, ppid, process group and start time, whatever the command name holds', () => {
    assert.deepEqual(parseProcStat(statLine(42, 'go build', 'S', 7, 40, 987654)), { pid: 42, ppid: 7, pgid: 40, state: 'S', startTime: 987654 });
    assert.deepEqual(parseProcStat(statLine(9, 'a) Z 1 1 (b', 'R', 3, 9, 5)), { pid: 9, ppid: 3, pgid: 9, state: 'R', startTime: 5 });
  });

  it('reads a real line of this process', async () => {
    const { readFile } = await import('node:fs/promises');
    const own = parseProcStat(await readFile('/proc/self/stat', 'utf8').catch(() => ''));
    if (process.platform === 'linux') assert.deepEqual([own?.pid, own?.ppid], [process.pid, process.ppid]);
  });

  it('refuses what is not a stat line', () => {
    assert.equal(parseProcStat(''), undefined);
    assert.equal(parseProcStat('12 no parens here'), undefined);
    assert.equal(parseProcStat('x (y) S 1 1 1'), undefined);
  });
});

describe('updateTree', () => {
  it('finds descendants at any depth, in the group or not, and nothing else', () => {
    const table = [entry(1, 0, 1), entry(50, 1, 50), entry(52, 51, 50), entry(51, 50, 50), entry(60, 51, 60), entry(61, 60, 60), entry(70, 1, 70)];
    const members: TreeMembers = new Map();
    assert.deepEqual(updateTree(table, 50, 50, members).map((e) => e.pid).sort(), [50, 51, 52, 60, 61]);
  });

  it('still knows a child reparented to init after its parent exited, but not a reused pid', () => {
    const members: TreeMembers = new Map();
    // 50 started 60 (which left the group with setsid).
    updateTree([entry(50, 1, 50), entry(60, 50, 60, 200)], 50, 50, members);
    // 50 has exited; 60 now has init as parent.
    assert.deepEqual(updateTree([entry(60, 1, 60, 200), entry(61, 60, 60)], 50, 50, members).map((e) => e.pid), [60, 61]);
    // 60 exited and an unrelated process got pid 60.
    assert.deepEqual(updateTree([entry(60, 1, 60, 999)], 50, 50, members), []);
  });

  it('once the program has exited, a new process with its pid is not taken for it', () => {
    const table = [entry(50, 1, 70, 500), entry(51, 50, 70, 501)];
    assert.deepEqual(updateTree(table, undefined, undefined, new Map()), []);
    assert.deepEqual(updateTree(table, 50, undefined, new Map()).map((e) => e.pid), [50, 51]);
  });

  it('counts group members whose parent is gone, and not zombies', () => {
    const members: TreeMembers = new Map();
    const table = [entry(80, 1, 50), entry(81, 1, 50, 100, 'Z'), entry(82, 1, 82)];
    assert.deepEqual(updateTree(table, 50, 50, members).map((e) => e.pid), [80]);
    // Without a group (a program sharing the terminal's group) only descendants count.
    assert.deepEqual(updateTree(table, 50, undefined, new Map()), []);
  });
});
