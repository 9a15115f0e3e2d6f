/**
 * Profile types as the servers name them: Pyroscope's `name:sample_type:sample_unit:period_type:
 * period_unit` IDs, with a readable label for pickers and titles. Pure.
 */

export interface ServerProfileType {
  /** The server's ID for the type, sent back in queries. */
  readonly id: string;
  /** The sample type (`cpu`, `inuse_space`…): the short name used in file names. */
  readonly sampleType: string;
  readonly label: string;
}

const LABELS: Readonly<Record<string, string>> = {
  'process_cpu:cpu': 'CPU',
  'process_cpu:samples': 'CPU samples',
  'memory:alloc_space': 'Allocated space',
  'memory:alloc_objects': 'Allocated objects',
  'memory:inuse_space': 'In-use space',
  'memory:inuse_objects': 'In-use objects',
  'goroutine:goroutine': 'Goroutines',
  'goroutines:goroutine': 'Goroutines',
  'mutex:contentions': 'Mutex contentions',
  'mutex:delay': 'Mutex delay',
  'block:contentions': 'Block contentions',
  'block:delay': 'Block delay',
};

/**
 * The parts of a type ID, or undefined when it does not have five parts (six for Parca's
 * delta types, which end in `:delta`).
 */
export function parseTypeId(id: string): ServerProfileType | undefined {
  const parts = id.split(':');
  if (parts.length === 6 && parts[5] === 'delta') parts.pop();
  if (parts.length !== 5 || parts.some((p) => p === '')) return undefined;
  const [name, sampleType] = parts as [string, string, string, string, string];
  return { id, sampleType, label: LABELS[`${name}:${sampleType}`] ?? `${name} ${sampleType} (${parts[2]})` };
}

/** Well-known types first (in the order above), then the rest by ID. */
export function sortTypes(types: readonly ServerProfileType[]): ServerProfileType[] {
  const order = Object.keys(LABELS);
  const rank = (t: ServerProfileType): number => {
    const i = order.indexOf(t.id.split(':').slice(0, 2).join(':'));
    return i < 0 ? order.length : i;
  };
  return [...types].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
