/**
 * Inflates gzip data, refusing to produce more than `maxBytes`. Throws a ProfileError
 * naming `source` when the data is corrupt or inflates past the cap.
 */
export type Inflate = (gz: Uint8Array, maxBytes: number, source: string) => Uint8Array;

/** Default cap on inflated size: 2 GiB. */
export const DEFAULT_MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function inflatedPastCap(maxBytes: number): string {
  return `gzip data inflates past ${maxBytes} bytes (the limit); refusing to read it all`;
}

export function corruptGzip(detail: string): string {
  return `corrupt gzip data (${detail})`;
}

/**
 * What gzip data says it inflates to: ISIZE, the last 4 bytes (the size mod 2^32 of the last
 * member). Only a hint: a lie or a multi-member file just makes it wrong.
 */
export function gzipSizeHint(gz: Uint8Array): number {
  const n = gz.length;
  if (n < 18) return 0;
  return (gz[n - 4]! | (gz[n - 3]! << 8) | (gz[n - 2]! << 16) | (gz[n - 1]! << 24)) >>> 0;
}
