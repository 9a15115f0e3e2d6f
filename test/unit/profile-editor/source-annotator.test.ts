/**
 * The host's half of the Source and Disassembly tabs with stand-in worker and mapping: the
 * source text joined to pprof's line range, a file the mapping cannot find named in the
 * message, a missing binary.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { NO_BINARY, SourceAnnotator, type AnnotatorDeps } from '../../../src/profile-editor/source-annotator';
import type { SourceListingData } from '../../../src/shared/source-view';

const dir = mkdtempSync(join(tmpdir(), 'gp-annotator-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const source = join(dir, 'a.go');
writeFileSync(source, 'package main\r\n\nfunc f() {\n\tg()\n}\n');

const listing: SourceListingData = {
  name: 'main.f',
  unit: 'nanoseconds',
  total: 10,
  noSource: false,
  routines: [
    { name: 'main.f', file: '/build/a.go', flat: 0, cum: 6, start: 3, end: 9, lines: [{ line: 4, flat: 0, cum: 6, callees: [{ name: 'main.g', cum: 6 }] }] },
    { name: 'main.f', file: '/build/gone.go', flat: 1, cum: 1, start: 1, end: 2, lines: [] },
  ],
};

function annotator(overrides: Partial<AnnotatorDeps> = {}): SourceAnnotator {
  return new SourceAnnotator({
    sourceListing: async () => listing,
    disasmListing: async () => assert.fail('not asked'),
    functionOf: async (params) => params.name,
    resolve: async (file) => (file === '/build/a.go' ? { path: source } : { error: `${file} is not on this machine and no workspace file matches it` }),
    binary: async () => undefined,
    ...overrides,
  });
}

describe('Source/Disassembly host half', () => {
  it('joins the text of the mapped file to the listed lines (up to the end of the file) and names a file it cannot find', async () => {
    const view = await annotator().source({ sampleIndex: 0, name: 'main.f' });
    const [found, missing] = view.routines;
    assert.equal(found?.path, source);
    assert.deepEqual(
      found?.lines.map((l) => [l.line, l.text, l.cum, l.callees.length]),
      [
        [3, 'func f() {', 0, 0],
        [4, '\tg()', 6, 1],
        [5, '}', 0, 0],
      ],
    );
    assert.equal(missing?.error, 'Source of /build/gone.go not found: /build/gone.go is not on this machine and no workspace file matches it.');
  });

  it('says when the function has no source information or no samples', async () => {
    const noSource = await annotator({ sourceListing: async () => ({ ...listing, routines: [], noSource: true }) }).source({ sampleIndex: 0, name: 'main.f' });
    assert.match(noSource.message ?? '', /^No source information for main\.f/);
    const none = await annotator({ sourceListing: async () => ({ ...listing, routines: [] }) }).source({ sampleIndex: 0, name: 'main.f' });
    assert.match(none.message ?? '', /no samples/);
  });

  // A wrong binary (objdump runs) is in test/webview/editor-source.test.ts.
  it('without a binary offers to choose one', async () => {
    assert.deepEqual(await annotator().disasm({ sampleIndex: 0, name: 'main.f' }), { kind: 'noBinary', message: NO_BINARY });
  });
});
