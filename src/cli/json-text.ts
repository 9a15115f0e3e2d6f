/**
 * The CLI's --json output. A bigint (an exact value past 2^53, see exact-values.ts) is
 * written as its exact integer literal: a JSON number may have any number of digits, but
 * JSON.stringify refuses bigints and a float64 would round them. Reports without one (nearly
 * all) are written by JSON.stringify.
 */
export function jsonText(value: unknown, hasBigints: boolean): string {
  return (hasBigints ? withBigints(value) : JSON.stringify(value)) + '\n';
}

/** JSON.stringify's output for plain data (objects, arrays, strings, numbers, booleans, null), with bigints as integer literals. */
function withBigints(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : withBigints(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields: string[] = [];
    for (const [key, v] of Object.entries(value)) if (v !== undefined) fields.push(`${JSON.stringify(key)}:${withBigints(v)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
