// Every class of bad input ends in a ProfileError that names the source and the problem.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { decodeProfile, ProfileError } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { repoRoot } from '../../support/go-fixtures';
import { ProtoWriter, minimalProfile } from '../../support/proto-writer';

const SOURCE = '/tmp/some dir/bad.pb.gz';

function decodeError(bytes: Uint8Array): ProfileError {
  try {
    decodeProfile(bytes, { source: SOURCE, inflate: inflateNode });
  } catch (error) {
    assert.ok(error instanceof ProfileError, `expected a ProfileError, got ${String(error)}`);
    assert.equal(error.source, SOURCE);
    assert.ok(error.message.startsWith(`${SOURCE}: `), error.message);
    return error;
  }
  assert.fail('decoding should have failed');
}

function assertProblem(bytes: Uint8Array, ...patterns: RegExp[]): void {
  const { problem } = decodeError(bytes);
  for (const pattern of patterns) assert.match(problem, pattern);
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

test('the minimal hand-made profile is valid (so the cases below fail for their one defect)', () => {
  const p = decodeProfile(minimalProfile(), { source: SOURCE, inflate: inflateNode });
  assert.equal(p.samples.count, 1);
});

test('empty input', () => {
  assertProblem(new Uint8Array(0), /empty/);
  assertProblem(gzipSync(new Uint8Array(0)), /gzip data is empty/);
});

test('neither gzip nor protobuf: binary garbage and plain text', () => {
  assertProblem(Uint8Array.from([0xff, 0xfe, 0xfd, 0xfc, 0x00, 0x01]), /not gzip/, /not a valid pprof protobuf/);
  assertProblem(text('{"hello": "this is JSON, not a profile"}'), /not gzip/, /looks like text starting with "\{\\"hello/);
  assertProblem(gzipSync(text('just some text\n')), /inflated data is not a valid pprof protobuf/, /looks like text/);
});

// Heap, contention, count and thread text profiles are read (legacy-text.test.ts); what is left is named.
test('legacy text profiles are named as an unsupported format', () => {
  const legacy: [string, RegExp][] = [
    ['--- contention:\nformat = unknown\n', /legacy text contention profile/],
    ['goroutine 1 [running]:\nmain.main()\n', /goroutine stack dump/],
  ];
  for (const [content, pattern] of legacy) {
    assertProblem(text(content), pattern, /not supported/);
    assertProblem(gzipSync(text(content)), pattern, /not supported/);
  }
  // A count line without addresses: pprof calls it malformed too.
  assertProblem(text('threadcreate profile: total 9\n9 @\n'), /malformed legacy text profile: not a "count @ addresses" line/);
  // Legacy binary CPU profiles, C++/Go and Java, are read (legacy-cpu.test.ts).
});

test('truncated data: a real profile cut short', async () => {
  const raw = gunzipSync(await readFile(join(repoRoot, 'test/fixtures/profiles/large.cpu.pb.gz')));
  for (const length of [1, 7, 1000, raw.length >> 1, raw.length - 1]) {
    assertProblem(raw.subarray(0, length), /truncated data at byte \d+|runs past the end/);
  }
});

test('lengths past the end of their message', () => {
  const w = new ProtoWriter().string(6, '').key(2, 2).varint(1000).raw([0x08, 0x01]);
  assertProblem(w.finish(), /length 1000 at byte \d+ runs past the end of its message \(2 bytes left\)/);
  const inner = minimalProfile((p) => p.bytes(4, [0x22, 0x10, 0x08, 0x01])); // line length 16 inside a 4-byte location
  assertProblem(inner, /length 16 at byte \d+ runs past the end/);
});

test('a varint longer than 10 bytes', () => {
  assertProblem(minimalProfile((w) => w.key(9, 0).raw(new Array(11).fill(0xff).concat([0x01]))), /varint longer than 10 bytes/);
});

test('wrong wire types', () => {
  assertProblem(minimalProfile((w) => w.int(2, 5)), /Profile\.sample has wire type 0 \(varint\)/);
  assertProblem(minimalProfile((w) => w.string(12, 'x')), /Profile\.period has wire type 2/);
  assertProblem(minimalProfile((w) => w.message(5, (f) => f.int(1, 9).key(2, 5).raw([0, 0, 0, 0]))), /Function\.name has wire type 5 \(32-bit\)/);
  assertProblem(minimalProfile((w) => w.message(2, (s) => s.key(1, 1).raw([1, 0, 0, 0, 0, 0, 0, 0]).packed(2, [1]))), /Sample\.location_id has wire type 1/);
  assertProblem(minimalProfile((w) => w.key(20, 3)), /invalid wire type 3/);
  assertProblem(minimalProfile((w) => w.key(20, 7)), /invalid wire type 7/);
});

test('ids that point nowhere', () => {
  assertProblem(minimalProfile((w) => w.message(2, (s) => s.packed(1, [1, 42]).packed(2, [1]))), /sample #1 refers to location id 42, which is not in the profile/);
  assertProblem(minimalProfile((w) => w.message(4, (l) => l.int(1, 2).message(4, (line) => line.int(1, 7)))), /location #1 has a line in function id 7, which is not in the profile/);
  assertProblem(minimalProfile((w) => w.message(4, (l) => l.int(1, 2).int(2, 3))), /location #1 refers to mapping id 3, which is not in the profile/);
});

test('duplicate and reserved ids', () => {
  assertProblem(minimalProfile((w) => w.message(5, (f) => f.int(1, 1))), /two functions have the same id 1/);
  assertProblem(minimalProfile((w) => w.message(4, (l) => l.int(2, 0))), /location #1 has the reserved id 0/);
});

test('string indexes out of range', () => {
  assertProblem(minimalProfile((w) => w.message(5, (f) => f.int(1, 2).int(2, 99))), /function #1 name: string index 99 is out of range \(the string table has 7 entries\)/);
  assertProblem(minimalProfile((w) => w.message(2, (s) => s.packed(1, [1]).packed(2, [1]).message(3, (l) => l.int(1, -1)))), /sample #1 label key: string index -1/);
  assertProblem(minimalProfile((w) => w.int(7, 7)), /drop_frames: string index 7/);
  assertProblem(minimalProfile((w) => w.message(1, (t) => t.int(1, 1).int(2, 1000))), /sample_type #1 unit: string index 1000/);
});

test('the string table is missing or does not start with ""', () => {
  assertProblem(new ProtoWriter().int(12, 100).finish(), /no string table/);
  assertProblem(new ProtoWriter().string(6, 'x').finish(), /must be empty/);
});

test('samples whose values do not match the sample types', () => {
  assertProblem(minimalProfile((w) => w.message(2, (s) => s.packed(1, [1]).packed(2, [1, 2]))), /sample #1 has more values than the 1 sample types/);
  assertProblem(minimalProfile((w) => w.message(2, (s) => s.packed(1, [1]))), /sample #1 has 0 values but the profile has 1 sample types/);
  const noTypes = new ProtoWriter().string(6, '').message(2, (s) => s.packed(2, [1])).finish();
  assertProblem(noTypes, /has 1 samples but no sample types/);
});

test('default_sample_type must name one of the sample types', () => {
  assertProblem(minimalProfile((w) => w.int(14, 3)), /default_sample_type "main\.f" is not one of the sample types \(samples\)/);
});

test('concatenated profiles are refused', () => {
  assertProblem(minimalProfile((w) => w.int(9, 5).int(9, 6)), /concatenated profiles/);
});

test('corrupt and truncated gzip', () => {
  const gz = gzipSync(minimalProfile());
  const corrupt = Uint8Array.from(gz);
  corrupt[12] = corrupt[12]! ^ 0xff;
  corrupt[13] = corrupt[13]! ^ 0xff;
  assertProblem(corrupt, /corrupt gzip data/);
  assertProblem(gz.subarray(0, gz.length - 10), /corrupt gzip data/);
  assertProblem(Uint8Array.from([0x1f, 0x8b, 0x08]), /corrupt gzip data/);
});

test('a missing file names its path', async () => {
  const path = join(repoRoot, 'no-such-dir', 'missing.pb.gz');
  await assert.rejects(readProfileFile(path), (error: unknown) => {
    assert.ok(error instanceof ProfileError);
    assert.equal(error.message, `${path}: cannot read the file: no such file`);
    return true;
  });
});
