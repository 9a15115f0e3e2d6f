/** Binomial coefficients as exact as a double allows (exact integers up to 2^53). Pure. */

export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const small = Math.min(k, n - k);
  // The product of i consecutive integers over i! stays an integer at every step.
  let c = 1;
  for (let i = 1; i <= small; i++) c = (c * (n - small + i)) / i;
  return c;
}
