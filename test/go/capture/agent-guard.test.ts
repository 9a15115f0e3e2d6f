// The agent's guards, on real Go programs: the token never appears in the program's
// /proc/<pid>/environ; the launcher's pipe is not inherited by the program's children; slow
// and idle connections are cut off, at most AGENT_MAX_CONNECTIONS hold the program's
// descriptors, and an authenticated capture still works during such a flood. The agent
// also compiles for the other systems it is injected on.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { AGENT_MAX_CONNECTIONS } from '../../../src/capture/agent-guard-source';
import { ENV_TOKEN, PARENT_PIPE_FD } from '../../../src/capture/agent-protocol';
import { AGENT_FILE_NAME, AGENT_SOURCE } from '../../../src/capture/agent-source';
import type { AgentClient } from '../../../src/capture/agent-client';
import { launchWithAgent, type ProfilerSession } from '../../../src/capture/launcher';
import { runTool } from '../../../src/capture/process';
import { findGo } from '../../../src/capture/find-go';
import { FIXTURES, withTempDir } from './helpers';

async function launched(pattern: string, readyLine: RegExp): Promise<{ session: ProfilerSession; client: AgentClient; output: () => string }> {
  const session = await launchWithAgent({ pattern, cwd: FIXTURES, stdio: 'pipe' });
  let out = '';
  session.program.child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  const client = await session.ready;
  while (!readyLine.test(out)) {
    if (session.program.hasExited()) throw new Error(`${pattern} exited early: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { session, client, output: () => out };
}

function fdCount(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

describe('agent guards (real Go)', () => {
  it('the token is in no variable of /proc/<pid>/environ, and captures with it work', async (t) => {
    const { session, client } = await launched('./workload', /workload ready/);
    try {
      // The client's token, read here only to look for it.
      const token = (client as unknown as { token: string }).token;
      assert.match(token, /^[0-9a-f]{64}$/);
      const environ = readFileSync(`/proc/${session.program.pid}/environ`, 'utf8');
      assert.ok(environ.length > 0);
      assert.equal(environ.includes(token), false, 'the token is in the environment block');
      assert.equal(environ.split('\0').some((v) => v.startsWith(`${ENV_TOKEN}=`)), false);
      const heap = await session.capture({ kind: 'heap' });
      assert.ok(gunzipSync(heap.profile).length > 0);
      const forbidden = await client.send('GET', '/v1/heap', { token: 'f'.repeat(64) });
      assert.equal(forbidden.status, 403);
      t.diagnostic(`environ: ${environ.split('\0').filter((v) => v.startsWith('GO_PROFILER')).join(', ')}`);
    } finally {
      await session.dispose();
    }
  });

  it('the launcher\'s pipe is not passed on to the processes the program starts', async () => {
    const { session, output } = await launched('./stubborn', /stubborn ready/);
    try {
      const pids = /stubborn ready ([\d ]+)/.exec(output())![1]!.trim().split(' ').map(Number);
      const [parent, ...children] = pids;
      assert.equal(parent, session.program.pid);
      const pipe = readlinkSync(`/proc/${parent}/fd/${PARENT_PIPE_FD}`);
      assert.match(pipe, /^socket:\[\d+\]$|^pipe:\[\d+\]$/);
      for (const child of children) {
        const links = readdirSync(`/proc/${child}/fd`).map((fd) => readlinkSync(`/proc/${child}/fd/${fd}`));
        assert.equal(links.includes(pipe), false, `process ${child} holds ${pipe}`);
      }
    } finally {
      await session.dispose();
    }
  });

  it('slow and idle connections are closed, hold at most the cap of descriptors, and a capture still works', { timeout: 180_000 }, async (t) => {
    const { session, client } = await launched('./workload', /workload ready/);
    const flood: Socket[] = [];
    const timers: NodeJS.Timeout[] = [];
    try {
      const pid = session.program.pid;
      const before = fdCount(pid);
      const colon = client.address.address.lastIndexOf(':');
      const [host, port] = [client.address.address.slice(0, colon), Number(client.address.address.slice(colon + 1))];
      let closed = 0;
      const open = (slow: boolean): Promise<void> =>
        new Promise((resolve, reject) => {
          const socket = connect(port, host);
          flood.push(socket);
          socket.on('error', () => undefined); // writes after the agent closed: EPIPE
          socket.once('close', () => closed++);
          socket.once('connect', () => {
            if (slow) {
              // Headers one line at a time, never finished.
              socket.write('GET /v1/heap HTTP/1.1\r\nHost: agent\r\n');
              timers.push(setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 500));
            }
            resolve();
          });
          socket.once('close', () => reject(new Error('closed before connecting')));
        });
      await Promise.all([...Array.from({ length: 100 }, () => open(true)), ...Array.from({ length: 60 }, () => open(false))]);

      const capture = session.capture({ kind: 'heap' });
      let most = before;
      // Until the agent closes its first connection (or holds more than it may: then fail at once).
      while (closed === 0 && most - before <= AGENT_MAX_CONNECTIONS) {
        most = Math.max(most, fdCount(pid));
        await new Promise((r) => setTimeout(r, 20));
      }
      t.diagnostic(`descriptors: ${before} before the flood of 160, at most ${most} during it (cap ${AGENT_MAX_CONNECTIONS})`);
      assert.ok(most - before <= AGENT_MAX_CONNECTIONS, `${most - before} connections held at once`);

      const heap = await capture;
      assert.ok(gunzipSync(heap.profile).length > 0);
      // Every connection of the flood is closed by the agent: the test never closes them.
      while (closed < flood.length) await new Promise((r) => setTimeout(r, 50));
      assert.equal(fdCount(pid), before, 'back to the descriptors before the flood');
      assert.ok(gunzipSync((await session.capture({ kind: 'goroutine' })).profile).length > 0);
    } finally {
      for (const timer of timers) clearInterval(timer);
      for (const socket of flood) socket.destroy();
      await session.dispose();
    }
  });

  it('compiles (go vet) for Windows and macOS too', { timeout: 600_000 }, async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'go.mod'), 'module example.com/vet\n\ngo 1.16\n');
      await writeFile(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
      await writeFile(join(dir, AGENT_FILE_NAME), AGENT_SOURCE);
      for (const goos of ['windows', 'darwin']) {
        const vet = await runTool(findGo(), ['vet', '.'], { cwd: dir, env: { ...process.env, GOOS: goos, GOARCH: 'amd64', CGO_ENABLED: '0' } });
        assert.equal(vet.code, 0, `${goos}: ${vet.stderr}`);
      }
    });
  });
});
