/** Go's %.2f and %5.2g, as the report text prints them, against Go's own fmt (go run). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { goFixed, goFormatG, padStart } from '../../../src/shared/go-format';
import { goEnv, run } from '../../support/go-fixtures';

const NUMBERS = [
  0, 0.125, 1.125, 2.675, 0.0125, 0.00125, 1e-5, 4.2e-7, 0.00995, 0.0995, 99.995, 0.5, 0.05, 0.015, 1234.5678, 0.000123456,
  12.345, 0.045, 7.5e-5, 3.0000000000000004, 0.9999, 0.99951,
];

describe('formatting', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'units-test-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('goFixed and goFormatG print what Go prints for %.2f and %5.2g (ties round half to even)', async () => {
    const program = join(dir, 'main.go');
    writeFileSync(
      program,
      `package main\nimport "fmt"\nfunc main() {\n\tfor _, x := range []float64{${NUMBERS.map((n) => n.toString()).join(', ')}} {\n\t\tfmt.Printf("%.2f|%5.2g\\n", x, x)\n\t}\n}\n`,
    );
    const { stdout } = await run('go', ['run', program], { cwd: dir, env: goEnv({ GOFLAGS: '' }) });
    const theirs = stdout.trim().split('\n');
    const ours = NUMBERS.map((x) => `${goFixed(x, 2)}|${padStart(goFormatG(x, 2), 5)}`);
    assert.deepEqual(ours, theirs);
  });
});
