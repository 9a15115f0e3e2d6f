/** Text for stdout with the bytes of profile strings that were not UTF-8 written back as they were (pprof prints them raw). */
import { hasRawBytes, rawTextBytes } from '../analysis/raw-text-bytes';

/** `text` itself when it is plain UTF-8, else its bytes (analysis/raw-text-bytes.ts). */
export function rawBytes(text: string): Uint8Array | string {
  return hasRawBytes(text) ? rawTextBytes(text) : text;
}
