/**
 * Field-by-field comparison of our decoded Profile with protobufjs's reading of the same
 * bytes (the reference). Dense indexes are turned back into the file's ids, and string
 * indexes into strings, so the two are compared on what the file says.
 */
import assert from 'node:assert/strict';
import type { Profile } from '../../../src/pprof/index';
import type { RefProfile } from '../../support/protobuf-reference';

export function assertSameProfile(ours: Profile, ref: RefProfile, name: string): void {
  const str = (i: number): string => {
    const s = ref.stringTable[i];
    assert.ok(s !== undefined, `${name}: reference string index ${i} out of range`);
    return s;
  };
  assert.deepEqual(ours.strings, ref.stringTable, `${name}: string table`);
  assert.deepEqual(ours.sampleTypes, ref.sampleType.map((t) => ({ type: str(t.type), unit: str(t.unit) })), `${name}: sample types`);
  const defaultName = str(ref.defaultSampleType);
  const byName = ref.sampleType.findIndex((t) => str(t.type) === defaultName && defaultName !== '');
  assert.equal(ours.defaultSampleTypeIndex, byName >= 0 ? byName : Math.max(0, ref.sampleType.length - 1), `${name}: default sample type`);
  assert.deepEqual(ours.periodType, ref.periodType ? { type: str(ref.periodType.type), unit: str(ref.periodType.unit) } : undefined, `${name}: period type`);
  assert.equal(ours.period, ref.period, `${name}: period`);
  assert.equal(ours.timeNanos, ref.timeNanos, `${name}: time`);
  assert.equal(ours.durationNanos, ref.durationNanos, `${name}: duration`);
  assert.deepEqual(ours.comments, ref.comment.map(str), `${name}: comments`);
  assert.equal(ours.dropFrames, str(ref.dropFrames), `${name}: drop_frames`);
  assert.equal(ours.keepFrames, str(ref.keepFrames), `${name}: keep_frames`);

  assert.deepEqual(
    ours.mappings,
    ref.mapping.map((m) => ({
      id: m.id, memoryStart: m.memoryStart, memoryLimit: m.memoryLimit, fileOffset: m.fileOffset,
      filename: str(m.filename), buildId: str(m.buildId), hasFunctions: m.hasFunctions,
      hasFilenames: m.hasFilenames, hasLineNumbers: m.hasLineNumbers, hasInlineFrames: m.hasInlineFrames,
    })),
    `${name}: mappings`,
  );

  const f = ours.functions;
  assert.equal(f.count, ref.function.length, `${name}: function count`);
  ref.function.forEach((rf, i) => {
    assert.deepEqual(
      [f.id[i], ours.strings[f.name[i]!], ours.strings[f.systemName[i]!], ours.strings[f.filename[i]!], f.startLine[i]],
      [rf.id, str(rf.name), str(rf.systemName), str(rf.filename), rf.startLine],
      `${name}: function #${i}`,
    );
  });

  const l = ours.locations;
  assert.equal(l.count, ref.location.length, `${name}: location count`);
  assert.equal(l.lineStart.length, l.count + 1, `${name}: lineStart length`);
  ref.location.forEach((rl, i) => {
    const mapping = l.mapping[i]!;
    const lines = [];
    for (let k = l.lineStart[i]!; k < l.lineStart[i + 1]!; k++) {
      const fn = l.lineFunction[k]!;
      lines.push({ functionId: fn < 0 ? 0 : f.id[fn], line: l.lineNumber[k], column: l.lineColumn[k] });
    }
    assert.deepEqual(
      { id: l.id[i], mappingId: mapping < 0 ? 0 : ours.mappings[mapping]!.id, address: l.address[i], isFolded: l.isFolded[i] === 1, line: lines },
      { id: rl.id, mappingId: rl.mappingId, address: rl.address, isFolded: rl.isFolded, line: rl.line.map((x) => ({ functionId: x.functionId, line: x.line, column: x.column })) },
      `${name}: location #${i}`,
    );
  });

  const s = ours.samples;
  assert.equal(s.count, ref.sample.length, `${name}: sample count`);
  assert.equal(s.valueCount, ref.sampleType.length, `${name}: values per sample`);
  ref.sample.forEach((rs, i) => {
    const stack = Array.from(s.stackLocations.subarray(s.stackStart[i], s.stackStart[i + 1]), (loc) => l.id[loc]);
    const values = Array.from(s.values.subarray(i * s.valueCount, (i + 1) * s.valueCount));
    const labels = [];
    for (let k = s.labelStart[i]!; k < s.labelStart[i + 1]!; k++) {
      labels.push({ key: s.labelKey[k], str: s.labelStr[k], num: s.labelNum[k], numUnit: s.labelNumUnit[k] });
    }
    assert.deepEqual(
      { stack, values, labels },
      { stack: rs.locationId, values: rs.value, labels: rs.label.map((x) => ({ key: x.key, str: x.str, num: x.num, numUnit: x.numUnit })) },
      `${name}: sample #${i}`,
    );
  });
}
