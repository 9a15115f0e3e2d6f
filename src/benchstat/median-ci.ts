/**
 * A sample's summary as benchstat gives it under its default (non-parametric) assumption:
 * the median (quantile type R8) and a confidence interval from order statistics, whose
 * ranks come from the Binomial(n, 1/2) distribution — exact for n <= 30 (growing the
 * interval from the middle, taking the left when both sides are equal), the normal
 * approximation above. The "±" is the interval's larger distance from the median, in %. Pure.
 */
import { choose } from './choose';
import { normalInvCdf, normalCdf } from './normal';

export interface Summary {
  readonly center: number;
  readonly lo: number;
  readonly hi: number;
  /** Why the interval is infinite (too few values for the confidence level). */
  readonly warning?: string;
}

const EXACT_LIMIT = 30;

/** Ranks [loOrder, hiOrder] (1-based; 0 and n+1 mean unbounded) of the median's interval. */
export function medianOrders(n: number, confidence: number): { loOrder: number; hiOrder: number } {
  if (confidence >= 1) return { loOrder: 0, hiOrder: n + 1 };
  const pmf = (k: number): number => (k < 0 || k > n ? 0 : choose(n, k) * 0.5 ** k * 0.5 ** (n - k));
  let l: number;
  let r: number;
  if (n <= EXACT_LIMIT) {
    const x = Math.ceil((n + 1) * 0.5) - 1;
    let accum = pmf(x);
    l = x;
    r = x + 1;
    let lp = pmf(l - 1);
    let rp = pmf(r);
    while (accum < confidence && (lp > 0 || rp > 0)) {
      if (lp >= rp) {
        accum += lp;
        l--;
        lp = pmf(l - 1);
      } else {
        accum += rp;
        r++;
        rp = pmf(r);
      }
    }
  } else {
    const mu = n / 2;
    const sigma = Math.sqrt(n / 4);
    const l1 = mu + sigma * normalInvCdf((1 - confidence) / 2);
    const r1 = 2 * mu - l1;
    l = Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
    r = Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
    const cdf = (a: number, b: number): number => normalCdf((b - 0.5 - mu) / sigma) - normalCdf((a - 0.5 - mu) / sigma);
    const unbiased = cdf(l, r);
    const biased = cdf(l, r - 1);
    if (biased >= confidence && biased < unbiased) r--;
  }
  return { loOrder: Math.max(l, 0), hiOrder: Math.min(r, n + 1) };
}

/** Quantile type R8 of sorted values (benchstat's median). */
function quantile(sorted: readonly number[], q: number): number {
  const n = 1 / 3 + q * (sorted.length + 1 / 3);
  const k = Math.trunc(n);
  const frac = n - k;
  if (k <= 0) return sorted[0]!;
  if (k >= sorted.length) return sorted[sorted.length - 1]!;
  return sorted[k - 1]! + frac * (sorted[k]! - sorted[k - 1]!);
}

export function summarize(values: readonly number[], confidence = 0.95): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const { loOrder, hiOrder } = medianOrders(n, confidence);
  const lo = loOrder < 1 ? -Infinity : sorted[loOrder - 1]!;
  const hi = hiOrder - 1 >= n ? Infinity : sorted[hiOrder - 1]!;
  const summary = { center: quantile(sorted, 0.5), lo, hi };
  if (Number.isFinite(lo) && Number.isFinite(hi)) return summary;
  return { ...summary, warning: `need >= ${minimumSamples(confidence)} samples for confidence interval at level ${confidence}` };
}

/** The fewest values that give a finite interval at this confidence (benchstat's warning). */
function minimumSamples(confidence: number): number {
  for (let n = 2; n <= 50; n++) {
    const { loOrder, hiOrder } = medianOrders(n, confidence);
    if (loOrder > 0 && hiOrder <= n) return n;
  }
  return 51;
}

/** The "± x%" text: the interval's larger distance from the center, or ∞ / ?. */
export function rangeText(s: Summary): string {
  if (!Number.isFinite(s.lo) || !Number.isFinite(s.hi)) return '∞';
  const sign = Math.sign(s.center);
  if (sign !== Math.sign(s.lo) || sign !== Math.sign(s.hi)) return '?';
  if (s.center === 0) return '0%';
  return `${(100 * Math.max(s.hi / s.center - 1, 1 - s.lo / s.center)).toFixed(0)}%`;
}
