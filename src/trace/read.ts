/** readTrace: the bytes of a Go execution trace (Go 1.22+) to a Trace, or a TraceError naming the source. */
import { FormatProblem, TraceError } from './errors';
import { readGenerations, readHeader } from './generation';
import { Ordering } from './order';
import { TraceTables } from './tables';
import { EventColumns, type Trace } from './trace';

export function readTrace(bytes: Uint8Array, source: string): Trace {
  try {
    const { version, start } = readHeader(bytes);
    const generations = readGenerations(bytes, version, start);
    if (generations.length === 0) throw new FormatProblem('the trace holds no events (cut short before its first generation?)');
    // Real traces take about 5 bytes an event (6.0 M events in 29.8 MB): room for one per 4 bytes.
    const columns = new EventColumns(bytes.length / 4);
    const tables = new TraceTables();
    const ordering = new Ordering(columns, tables);
    for (const g of generations) ordering.generation(bytes, g, version);
    ordering.end();
    return { version, generations: generations.length, events: columns.finish(), strings: tables.strings, frames: tables.frames, stacks: tables.stacks };
  } catch (error) {
    if (error instanceof FormatProblem) throw new TraceError(source, error.message);
    if (error instanceof RangeError) throw new TraceError(source, `too large to read (${error.message})`);
    throw error;
  }
}
