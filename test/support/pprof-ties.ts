/**
 * Comparing a report with pprof's where pprof's order is not deterministic. pprof sorts nodes
 * by flat, then printable name, then cum; but two different nodes with one printable name
 * (two functions of one name in different files, say) compare as neither less nor more, so
 * their order among the rows of equal flat and name comes from map iteration: random from run
 * to run, even when their cum differs. Rows of -top, and entries of -tree/-peek, whose flat and
 * name are equal are compared as a set. Their sum% prints the same in any order (equal flat).
 */

const SEPARATOR = /^-+\+-+$/;
/** A -top row: flat flat% sum% cum cum% then two spaces and the name, maybe an inline marker. */
const TOP_ROW = /^\s*(\S+)\s+\S+%\s+\S+%\s+\S+\s+\S+% {2}(.*?)(?: \((?:partial-)?inline\))?$/;
/** A -tree/-peek node line: its flat, then the name not indented (callers and callees are). */
const NODE_LINE = /^\s*(\S+)\s+\S+%\s+\S+%\s+\S+\s+\S+% \| (\S.*?)(?: \((?:partial-)?inline\))?$/;

/**
 * Consecutive items with equal keys (undefined: no group) sorted: pprof's order there is
 * random. `positional` takes out what depends on an item's position (-top's sum%), which is
 * put back in the original order after the sort.
 */
function sortRuns(items: string[], key: (item: string) => string | undefined, positional = (item: string) => ({ rest: item, put: (r: string) => r })): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; ) {
    const k = key(items[i]!);
    let j = i + 1;
    while (k !== undefined && j < items.length && key(items[j]!) === k) j++;
    const run = items.slice(i, j);
    const sorted = run.map((item) => positional(item).rest).sort();
    out.push(...sorted.map((rest, n) => positional(run[n]!).put(rest)));
    i = j;
  }
  return out;
}

/** A -top row without its sum% column, and how to put a sum% back. */
function sumColumn(line: string): { rest: string; put: (rest: string) => string } {
  const m = /^(\s*\S+\s+\S+%)(\s+\S+%)(.*)$/.exec(line);
  if (!m) return { rest: line, put: (r) => r };
  return { rest: `${m[1]}${m[3]}`, put: (r) => `${r.slice(0, m[1]!.length)}${m[2]}${r.slice(m[1]!.length)}` };
}

/** The report split into its entries (between separator lines). */
function entries(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (SEPARATOR.test(line)) {
      out.push(current.join('\n'));
      current = [];
    }
    current.push(line);
  }
  out.push(current.join('\n'));
  return out;
}

function entryKey(entry: string): string | undefined {
  for (const line of entry.split('\n')) {
    const m = NODE_LINE.exec(line);
    if (m) return `${m[1]} ${m[2]}`;
  }
  return undefined;
}

function rowKey(line: string): string | undefined {
  const m = TOP_ROW.exec(line);
  return m ? `${m[1]} ${m[2]}` : undefined;
}

function canonical(text: string): string[] {
  if (text.split('\n').some((l) => SEPARATOR.test(l)) && /\| \S/.test(text)) return sortRuns(entries(text), entryKey);
  return sortRuns(text.split('\n'), rowKey, sumColumn);
}

/** '' when `ours` equals `theirs` up to pprof's random order among ties, else where they first differ. */
export function sameUpToTies(ours: string, theirs: string): string {
  if (ours === theirs) return '';
  const a = canonical(ours).join('\n');
  const b = canonical(theirs).join('\n');
  if (a === b) return '';
  const la = a.split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && la[i] === lb[i]) i++;
  return `line ${i + 1}: ours ${JSON.stringify(la[i] ?? '<end>')}, pprof ${JSON.stringify(lb[i] ?? '<end>')}`;
}
