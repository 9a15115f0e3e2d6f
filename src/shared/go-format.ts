/**
 * Go's fmt number formatting where it differs from JavaScript's: exact ties round half to even
 * (Go) instead of away from zero (toFixed), and %g drops trailing zeros.
 */

/** Like Go's strconv.FormatFloat(x, 'f', digits, 64). */
export function goFixed(x: number, digits: number): string {
  const js = x.toFixed(digits);
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return js;
  // Only an exact tie (x * 10^digits = k + 0.5) can round differently. Below 2^52 such a product
  // is a double, so the floating-point product is it exactly: anything else is no tie, and the
  // costly exact expansion below is skipped (reports format hundreds of thousands of values).
  const scaled = Math.abs(x) * 10 ** digits;
  if (scaled < 2 ** 52 && scaled - Math.floor(scaled) !== 0.5) return js;
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf('.');
  const rest = exact.slice(dot + 1 + digits);
  if (!/^50*$/.test(rest)) return js;
  // An exact tie: keep the truncated digits when the last one is even.
  let truncated = exact.slice(0, digits === 0 ? dot : dot + 1 + digits);
  const last = Number(truncated[truncated.length - 1]);
  if (last % 2 !== 0) return js;
  if (x < 0) truncated = '-' + truncated;
  return truncated;
}

/** Like Go's fmt "%.<prec>g" for a finite number: shortest of %e/%f, trailing zeros removed. */
export function goFormatG(x: number, prec: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  let exp = Math.floor(Math.log10(a));
  let rounded = roundSignificant(a, prec, exp);
  if (Number(rounded) >= 10 ** (exp + 1)) {
    exp++;
    rounded = roundSignificant(a, prec, exp);
  }
  if (exp < -4 || exp >= prec) {
    const digits = rounded.replace('.', '').replace(/^0+/, '').slice(0, prec).replace(/0+$/, '');
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits || '0';
    const e = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return sign + (rounded.includes('.') ? rounded.replace(/0+$/, '').replace(/\.$/, '') : rounded);
}

function roundSignificant(a: number, prec: number, exp: number): string {
  const fractionDigits = prec - 1 - exp;
  if (fractionDigits >= 0) return goFixed(a, Math.min(fractionDigits, 100));
  const scale = 10 ** -fractionDigits;
  return String(Math.round(a / scale) * scale);
}

/** Right-aligns like Go's "%<width>s". */
export function padStart(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}
