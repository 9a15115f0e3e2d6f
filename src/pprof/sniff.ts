/** Recognises inputs that are not pprof protobufs, to say what they are instead. */

const TEXT_PROFILES: readonly [RegExp, string][] = [
  [/^\s*(heap|allocs|goroutine|threadcreate|block|mutex) profile:/, 'a legacy text "$1 profile" (debug=1 output)'],
  [/^\s*--- (contention|mutex)/, 'a legacy text contention profile (block/mutex debug=1 output)'],
  [/^\s*--- (heapz|growthz|fragmentationz|contentionz|cpuz|thread)/i, 'a legacy text profile ("--- $1")'],
  [/^goroutine \d+ \[/, 'a goroutine stack dump (debug=2 output)'],
];

/**
 * When `bytes` is a profile format we do not read (legacy text dumps of a kind or dialect
 * legacy.ts does not read, goroutine stack dumps), names it; otherwise undefined.
 */
export function describeUnsupportedFormat(bytes: Uint8Array): string | undefined {
  const head = asciiHead(bytes, 64);
  for (const [pattern, description] of TEXT_PROFILES) {
    const match = pattern.exec(head);
    if (match) return description.replace('$1', match[1] ?? '');
  }
  return undefined;
}

/** When `bytes` starts like text, a short quoted excerpt of it; otherwise undefined. */
export function textExcerpt(bytes: Uint8Array): string | undefined {
  const head = asciiHead(bytes, 40);
  const complete = head.length === Math.min(bytes.length, 40);
  const printable = head.length >= 8 && complete && /^[\t\n\r\x20-\x7e]+$/.test(head);
  return printable ? JSON.stringify(head) : undefined;
}

function asciiHead(bytes: Uint8Array, max: number): string {
  let text = '';
  for (let i = 0; i < bytes.length && i < max; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) break;
    text += String.fromCharCode(b);
  }
  return text;
}
