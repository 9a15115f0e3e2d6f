/**
 * The two-sided Mann–Whitney U test as benchstat runs it (go-moremath's MannWhitneyUTest
 * with LocationDiffers): midranks for ties; the exact distribution of U, conditioned on the
 * tie groups, when both samples have at most 50 values (25 when there are ties); otherwise
 * the normal approximation with tie correction and a continuity correction of 0.5. Pure.
 */
import { choose } from './choose';
import { normalCdf } from './normal';

export interface UTestResult {
  readonly p: number;
  readonly n1: number;
  readonly n2: number;
  /** Why the test could not run (p is then 1, as benchstat reports it). */
  readonly warning?: string;
}

const EXACT_LIMIT = 50;
const TIES_EXACT_LIMIT = 25;

export function mannWhitneyU(x1: readonly number[], x2: readonly number[]): UTestResult {
  const n1 = x1.length;
  const n2 = x2.length;
  if (n1 === 0 || n2 === 0) return { p: 1, n1, n2, warning: 'sample is too small' };
  const merged = [...x1.map((v) => ({ v, first: true })), ...x2.map((v) => ({ v, first: false }))].sort((a, b) => a.v - b.v);
  const ties: number[] = [];
  let r1 = 0;
  for (let i = 0; i < merged.length; ) {
    const start = i;
    let fromFirst = 0;
    for (; i < merged.length && merged[i]!.v === merged[start]!.v; i++) if (merged[i]!.first) fromFirst++;
    r1 += ((start + 1 + i) / 2) * fromFirst; // the midrank of ranks start+1..i
    ties.push(i - start);
  }
  const hasTies = ties.some((t) => t > 1);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const exact = hasTies ? n1 <= TIES_EXACT_LIMIT && n2 <= TIES_EXACT_LIMIT : n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT;
  if (exact) {
    if (ties.length === 1) return { p: 1, n1, n2, warning: 'all samples are equal' };
    const p = u1 === u2 ? 1 : 2 * exactCdf(Math.min(u1, u2), n1, n2, ties);
    return { p, n1, n2 };
  }
  const n = n1 + n2;
  const tieSum = ties.reduce((s, t) => s + t * t * t - t, 0);
  const sigma = Math.sqrt(((n1 * n2) * (n + 1 - tieSum / (n * (n - 1)))) / 12);
  if (sigma === 0) return { p: 1, n1, n2, warning: 'all samples are equal' };
  let numer = u1 - (n1 * n2) / 2;
  numer -= Math.sign(numer) * 0.5;
  const z = numer / sigma;
  return { p: 2 * Math.min(normalCdf(z), 1 - normalCdf(z)), n1, n2 };
}

/**
 * P(U <= u) over all C(n1+n2, n1) equally likely ways to label the pooled values, with the
 * tie groups fixed: a count of labelings by (values from sample 1, twice their rank sum).
 */
function exactCdf(u: number, n1: number, n2: number, ties: readonly number[]): number {
  if (u < 0) return 0;
  if (u >= n1 * n2) return 1;
  const n = n1 + n2;
  const width = n * (n + 1) + 1;
  let counts: Float64Array[] = Array.from({ length: n1 + 1 }, () => new Float64Array(width));
  counts[0]![0] = 1;
  let firstRank = 1;
  for (const t of ties) {
    const twiceMidrank = 2 * firstRank + t - 1;
    const next = Array.from({ length: n1 + 1 }, () => new Float64Array(width));
    for (let m = 0; m <= n1; m++) {
      const row = counts[m]!;
      for (let s = 0; s < width; s++) {
        const c = row[s]!;
        if (c === 0) continue;
        for (let r = 0; r <= t && m + r <= n1; r++) next[m + r]![s + r * twiceMidrank]! += c * choose(t, r);
      }
    }
    counts = next;
    firstRank += t;
  }
  const limit = Math.floor(2 * u) + n1 * (n1 + 1); // 2U = 2R1 - n1(n1+1)
  let below = 0;
  const row = counts[n1]!;
  for (let s = 0; s <= limit && s < width; s++) below += row[s]!;
  return below / choose(n, n1);
}
