/**
 * Host messages carry typed arrays, which playwright's evaluate/exposeFunction bridge does
 * not keep; they cross it as base64 and become typed arrays again in the page.
 */

export interface WireTyped {
  readonly wireTyped: 'Int32Array' | 'Float64Array';
  readonly base64: string;
}

function isWireTyped(value: unknown): value is WireTyped {
  return typeof value === 'object' && value !== null && 'wireTyped' in value && 'base64' in value;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function encodeWire(value: unknown): unknown {
  if (value instanceof Int32Array || value instanceof Float64Array) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return { wireTyped: value instanceof Int32Array ? 'Int32Array' : 'Float64Array', base64: bytesToBase64(bytes) } satisfies WireTyped;
  }
  if (Array.isArray(value)) return value.map(encodeWire);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeWire(v)]));
  }
  return value;
}

export function decodeWire(value: unknown): unknown {
  if (isWireTyped(value)) {
    const bytes = base64ToBytes(value.base64);
    return value.wireTyped === 'Int32Array' ? new Int32Array(bytes.buffer) : new Float64Array(bytes.buffer);
  }
  if (Array.isArray(value)) return value.map(decodeWire);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeWire(v)]));
  }
  return value;
}
