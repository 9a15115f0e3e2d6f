// The agent's Go source: vetted, and free of clashes with the user's package-level names.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AGENT_PREFIX } from '../../../src/capture/agent-protocol';
import { AGENT_FILE_NAME, AGENT_SOURCE } from '../../../src/capture/agent-source';
import { findGo } from '../../../src/capture/find-go';
import { runTool } from '../../../src/capture/process';
import { withTempDir } from './helpers';

/** A package main declaring every name the agent imports, as a user's code might. */
const CLASHING_MAIN = `package main

var bytes, subtle, io, log, net, http, os, filepath, runtime, pprof, strconv, sync, syscall, time int

func main() {}
`;

describe('agent Go source', () => {
  it('passes go vet inside a package main that uses the same short names', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'go.mod'), 'module example.com/vet\n\ngo 1.16\n');
      await writeFile(join(dir, 'main.go'), CLASHING_MAIN);
      await writeFile(join(dir, AGENT_FILE_NAME), AGENT_SOURCE);
      const vet = await runTool(findGo(), ['vet', '.'], { cwd: dir });
      assert.equal(vet.code, 0, vet.stderr);
      const build = await runTool(findGo(), ['build', '-o', join(dir, 'bin'), '.'], { cwd: dir });
      assert.equal(build.code, 0, build.stderr);
    });
  });

  it('declares only prefixed package-level names besides init', () => {
    const declared = [...AGENT_SOURCE.matchAll(/^(?:func|var|const|type)\s+(\w+)/gm)].map((m) => m[1]!);
    assert.ok(declared.length > 5);
    for (const name of declared) assert.ok(name === 'init' || name.startsWith(AGENT_PREFIX), name);
    const imports = /import \(([^)]*)\)/.exec(AGENT_SOURCE)![1]!.trim().split('\n');
    for (const line of imports) assert.match(line.trim(), new RegExp(`^${AGENT_PREFIX}\\w+ "`));
  });

  it('contains no backquote, so it stays a plain Go file inside the bundle', () => {
    assert.equal(AGENT_SOURCE.includes('`'), false);
  });
});
