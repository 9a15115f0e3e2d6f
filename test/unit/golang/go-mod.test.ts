import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseModulePath } from '../../../src/golang/go-mod';

test('module paths from go.mod files', () => {
  assert.equal(parseModulePath(readFileSync(new URL('../../fixtures/go-diff/go.mod', import.meta.url), 'utf8')), 'example.com/godiff');
  assert.equal(parseModulePath('// comment\nmodule "example.com/q" // trailing\n\ngo 1.22\n'), 'example.com/q');
  assert.equal(parseModulePath('module `example.com/raw`\n'), 'example.com/raw');
  assert.equal(parseModulePath('go 1.22\nrequire x v1.0.0\n'), undefined);
  assert.equal(parseModulePath('// module example.com/commented\n'), undefined);
});
