// The agent changes nothing the program does, and serves nobody but this machine (real Go).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findGo } from '../../../src/capture/find-go';
import { launchWithAgent } from '../../../src/capture/launcher';
import { runTool, startProgram, type ProgramExit, type RunningProgram } from '../../../src/capture/process';
import { FIXTURES, withTempDir } from './helpers';

interface Observed {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly exit: ProgramExit;
}

const ARGS = ['-exit', '7', 'first arg', '--', 'ünïcode', ''];
const ENV = { ECHOER_SETTING: 'from the launch configuration' };
const INPUT = 'line one\nline two with trailing spaces   \n\nlast line without newline';

/** Collects both streams, feeds stdin once `beforeInput` is done, and waits for the exit. */
async function observe(program: RunningProgram, beforeInput: () => Promise<void>): Promise<Observed> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  program.child.stdout!.on('data', (b: Buffer) => out.push(b));
  program.child.stderr!.on('data', (b: Buffer) => err.push(b));
  const closed = new Promise((resolve) => program.child.once('close', resolve));
  await beforeInput();
  program.child.stdin!.end(INPUT);
  const exit = await program.exited;
  await closed;
  return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), exit };
}

describe('the agent is transparent (real Go)', () => {
  it('stdout, stderr and exit code are byte-identical with and without the agent, captures taken meanwhile', async () => {
    await withTempDir(async (dir) => {
      const plainBinary = join(dir, 'echoer');
      const built = await runTool(findGo(), ['build', '-o', plainBinary, './echoer'], { cwd: FIXTURES });
      assert.equal(built.code, 0, built.stderr);
      const plain = await observe(startProgram(plainBinary, ARGS, { cwd: FIXTURES, env: { ...process.env, ...ENV }, stdio: 'pipe' }), async () => undefined);

      const session = await launchWithAgent({ pattern: './echoer', cwd: FIXTURES, args: ARGS, env: ENV, stdio: 'pipe' });
      try {
        const profiled = await observe(session.program, async () => {
          await session.ready;
          await session.capture({ kind: 'heap' });
          await session.capture({ kind: 'goroutine' });
        });
        assert.deepEqual(profiled.exit, { code: 7, signal: null });
        assert.deepEqual(profiled.exit, plain.exit);
        // The environment the program sees is printed in full: the agent's variables are gone.
        assert.match(plain.stdout.toString(), /^ECHOER_SETTING=from the launch configuration$/m);
        assert.equal(profiled.stdout.toString(), plain.stdout.toString());
        assert.ok(profiled.stdout.equals(plain.stdout), 'stdout bytes');
        assert.ok(profiled.stderr.equals(plain.stderr), `stderr: ${profiled.stderr.toString()} vs ${plain.stderr.toString()}`);
        assert.match(plain.stderr.toString(), /^3 err $/m);
      } finally {
        await session.dispose();
      }
    });
  });

  it('listens on loopback only: a connection to a non-loopback address of this machine is refused', async (t) => {
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && !(a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80:')))
      .map((a) => a!.address);
    if (addresses.length === 0) {
      t.skip('this machine has no non-loopback interface address');
      return;
    }
    const session = await launchWithAgent({ pattern: './workload', cwd: FIXTURES, stdio: 'pipe' });
    try {
      const client = await session.ready;
      const [host, port] = [client.address.address.slice(0, client.address.address.lastIndexOf(':')), Number(client.address.address.split(':').pop())];
      assert.equal(host, '127.0.0.1');
      assert.equal(await tryConnect('127.0.0.1', port), 'connected', 'loopback connects (the probe works)');
      for (const address of addresses) {
        assert.equal(await tryConnect(address, port), 'ECONNREFUSED', `${address}:${port}`);
      }
      t.diagnostic(`refused on ${addresses.join(', ')} port ${port}`);
    } finally {
      await session.dispose();
    }
  });
});

function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(10_000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}
