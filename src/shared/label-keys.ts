/** A comma-separated list of label keys (pprof's -tagroot / -tagleaf) as the keys it names. */
export function labelKeys(list: string): string[] {
  return list.split(',').filter((k) => k !== '');
}
