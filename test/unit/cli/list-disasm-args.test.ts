/** `list` and `disasm` refuse what does not apply with one line and exit status 2. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliMain as goProfiler } from '../../support/cli-main';

const cpu = join('test', 'fixtures', 'go-profiles', 'cpu.pb.gz');

describe('list and disasm arguments', () => {
  const cases: [string[], string | RegExp][] = [
    [['list', 'main'], 'go-profiler: list: needs REGEX and the profile FILE (see go-profiler --help)\n'],
    [['list', 'main', cpu, '--json'], 'go-profiler: list: --json, --cum and --nodecount do not apply\n'],
    [['list', 'main', cpu, 'extra'], 'go-profiler: list: unexpected argument "extra"\n'],
    [['list', '(', cpu], /^go-profiler: parsing list regexp: .*\/\(\/.*\n$/],
    [['disasm', 'main', cpu], 'go-profiler: disasm: give the program the profile came from with --binary BIN\n'],
    [['disasm', 'main', cpu, '--binary', cpu, '--focus', 'x'], 'go-profiler: disasm: only --sample-index and --binary are supported\n'],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const r = await goProfiler(args);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      if (typeof message === 'string') assert.equal(r.err, message);
      else assert.match(r.err, message);
    });
  }
});
