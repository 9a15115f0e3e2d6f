// The pure parts of saving a recording at the program's end: the exit hook's build flags
// and toolchain check, the agent's imports, and the words for what was saved or lost.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentImports, onlyTheAgents } from '../../../src/capture/agent-packages';
import { isExitHookFailure, toolchainHasExitHooks, withLinknameCheckOff } from '../../../src/capture/exit-hook';
import { lostAtExitMessage, savedAtExitNote, whyLost } from '../../../src/capture/recording-at-exit';

describe('exit hook build flags', () => {
  it('adds -checklinkname=0 to the last -ldflags in any spelling, or as its own -ldflags', () => {
    assert.deepEqual(withLinknameCheckOff([]), ['-ldflags=-checklinkname=0']);
    assert.deepEqual(withLinknameCheckOff(['-tags', 'x']), ['-tags', 'x', '-ldflags=-checklinkname=0']);
    assert.deepEqual(withLinknameCheckOff(['-ldflags=-s -w']), ['-ldflags=-s -w -checklinkname=0']);
    assert.deepEqual(withLinknameCheckOff(['--ldflags', '-X main.v=1']), ['--ldflags', '-X main.v=1 -checklinkname=0']);
    assert.deepEqual(withLinknameCheckOff(['-ldflags=all=-s', '-race', '-ldflags', 'all=-w']), ['-ldflags=all=-s', '-race', '-ldflags', 'all=-w -checklinkname=0']);
    assert.deepEqual(withLinknameCheckOff(['-gcflags=-N']), ['-gcflags=-N', '-ldflags=-checklinkname=0']);
  });

  it('knows which toolchains run exit hooks and which build failures are the hook\'s', () => {
    assert.equal(toolchainHasExitHooks('go1.26.8'), true);
    assert.equal(toolchainHasExitHooks('go1.23rc1'), true);
    assert.equal(toolchainHasExitHooks('go1.22.5'), false);
    assert.equal(toolchainHasExitHooks('go1.9'), false);
    assert.equal(toolchainHasExitHooks('unknown'), false);
    assert.equal(isExitHookFailure('link: main: invalid reference to internal/runtime/exithook.Add'), true);
    assert.equal(isExitHookFailure('./main.go:4:2: undefined: notDeclared'), false);
  });
});

describe('packages only the agent brings in', () => {
  it("reads the agent's import block", () => {
    const imports = agentImports();
    assert.ok(imports.includes('net/http') && imports.includes('runtime/pprof') && imports.includes('context'), imports.join(' '));
    assert.deepEqual(agentImports('package main\n\nimport (\n\tx "a/b"\n\t"c"\n)\n'), ['a/b', 'c']);
  });

  it("are the agent's dependencies the program does not have", () => {
    assert.deepEqual([...onlyTheAgents(['fmt', 'net', 'net/http', 'os'], ['fmt', 'os'], 'example.com/p')].sort(), ['net', 'net/http']);
  });
});

describe('what was saved or lost at the end', () => {
  const result = { kind: 'cpu' as const, profile: new Uint8Array(), startedAt: new Date(1_000), endedAt: new Date(3_500) };
  const hooks = { wrapsMain: true, exitHook: true };

  it('says how much was saved', () => {
    assert.equal(savedAtExitNote('w', 'exited with code 3', result), 'w exited with code 3 2.5 s into the CPU recording; the 2.5 s recorded are saved');
    assert.equal(savedAtExitNote('w', 'exited with code 0', result, 60), 'w exited with code 0 after 2.5 s of the 60 s window; the 2.5 s recorded are saved');
  });

  it('says exactly what was lost and why, by how the program ended', () => {
    const since = new Date(2026, 0, 2, 12, 0, 1);
    const end = new Date(since.getTime() + 2300);
    assert.equal(
      lostAtExitMessage('w', 'was killed by SIGKILL', since, end, hooks),
      'the CPU recording started at 12:00:01 (2.3 s) was lost: w was killed by SIGKILL; SIGKILL ends a program at once, with no chance to write anything',
    );
    assert.match(whyLost('panicked (exit code 2): boom', hooks), /outside main's goroutine/);
    assert.match(whyLost('hit a fatal error (exit code 2): concurrent map writes', hooks), /fatal error/);
    assert.match(whyLost('was killed by SIGTERM', hooks), /Stop Session writes the recording first/);
    assert.match(whyLost('exited with code 1', hooks), /syscall\.Exit/);
    assert.match(whyLost('exited with code 2', hooks), /Go runtime's for a panic outside main's goroutine or a fatal error/);
    assert.match(whyLost('exited with code 1', { ...hooks, exitHook: false }), /os\.Exit runs no other code .*Go 1\.23/);
  });
});
