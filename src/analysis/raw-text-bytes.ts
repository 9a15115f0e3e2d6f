/**
 * Report text as the bytes pprof prints: the bytes of profile strings that were not UTF-8 are
 * written back as they were. decodeUtf8Escaped made each such byte 0x80..0xFF a lone surrogate
 * U+DC80..U+DCFF; everything else is UTF-8.
 */
const ESCAPE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** Whether `text` holds an escaped raw byte (so its bytes are not its UTF-8 encoding). */
export function hasRawBytes(text: string): boolean {
  return ESCAPE.test(text);
}

const encoder = new TextEncoder();

/** The bytes of `text`: UTF-8, each escaped raw byte as itself. */
export function rawTextBytes(text: string): Uint8Array {
  if (!hasRawBytes(text)) return encoder.encode(text);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff);
    if (!lone) continue;
    parts.push(encoder.encode(text.slice(from, i)), Uint8Array.of(c - 0xdc00));
    from = i + 1;
  }
  parts.push(encoder.encode(text.slice(from)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
