/**
 * Text for stdout with the bytes of profile strings that were not UTF-8 written back as they
 * were (pprof prints them raw): each lone surrogate U+DC80..U+DCFF, as decodeUtf8Escaped made
 * them, is its byte 0x80..0xFF; everything else is UTF-8.
 */
const ESCAPE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

export function rawBytes(text: string): Uint8Array | string {
  if (!ESCAPE.test(text)) return text;
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
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
