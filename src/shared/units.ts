import { goFixed, goFormatG, padStart } from './go-format';

/**
 * The one place values are turned into text, with pprof's measurement rules: bytes scale by
 * 1024 (B, kB, MB, GB, TB, PB), time by its units (ns, us, ms, s, hrs), anything else prints
 * as a plain number; two decimals with ".00" dropped.
 */

interface UnitDef {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly factor: number;
}
interface UnitFamily {
  readonly units: readonly UnitDef[];
  readonly defaultUnit: UnitDef;
}

const BYTE: UnitDef = { name: 'B', aliases: ['b', 'byte'], factor: 1 };
const SECOND: UnitDef = { name: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 };
const GCU: UnitDef = { name: 'GCU', aliases: ['gcu'], factor: 1 };

const FAMILIES: readonly UnitFamily[] = [
  {
    units: [
      BYTE,
      { name: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
      { name: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
      { name: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
      { name: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
      { name: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
    ],
    defaultUnit: BYTE,
  },
  {
    units: [
      { name: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
      { name: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
      { name: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
      SECOND,
      { name: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
    ],
    defaultUnit: SECOND,
  },
  {
    units: [
      { name: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
      { name: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
      { name: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
      GCU,
      { name: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
      { name: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
      { name: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
      { name: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
      { name: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
    ],
    defaultUnit: GCU,
  },
];

export interface Scaled {
  readonly value: number;
  /** Unit name to print after the value; "" when the unit is not worth printing (counts). */
  readonly unit: string;
}

/**
 * pprof's measurement.Scale: converts `value` in `fromUnit` to `toUnit`; toUnit "auto" or
 * "minimum" picks the largest unit in which the value is at least 1.
 */
export function scaleValue(value: number, fromUnit: string, toUnit: string): Scaled {
  if (value < 0) {
    const s = scaleValue(-value, fromUnit, toUnit);
    return { value: -s.value, unit: s.unit };
  }
  for (const family of FAMILIES) {
    const from = sniffUnit(family, fromUnit);
    if (!from) continue;
    const base = value * from.factor;
    if (toUnit === 'minimum' || toUnit === 'auto') {
      let best: UnitDef | undefined;
      for (const u of family.units) {
        if (u.factor >= (best?.factor ?? 0) && base / u.factor >= 1) best = u;
      }
      const chosen = best ?? family.defaultUnit;
      return { value: base / chosen.factor, unit: chosen.name };
    }
    const to = sniffUnit(family, toUnit) ?? family.defaultUnit;
    return { value: base / to.factor, unit: to.name };
  }
  switch (toUnit) {
    case 'count':
    case 'sample':
    case 'unit':
    case 'minimum':
    case 'auto':
      return { value, unit: '' };
    default:
      return { value, unit: toUnit };
  }
}

function sniffUnit(family: UnitFamily, unit: string): UnitDef | undefined {
  let u = unit.toLowerCase();
  if (u.length > 2 && u.endsWith('s')) u = u.slice(0, -1);
  return family.units.find((d) => d.aliases.includes(u));
}

/**
 * A value as pprof labels it (measurement.ScaledLabel): "1.23s", "45ms", "45.60MB", "1234".
 * `outputUnit` "auto" (default) picks a unit per value; a unit name forces it.
 */
export function formatValue(value: number, unit: string, outputUnit = 'auto'): string {
  const s = scaleValue(value, unit, outputUnit);
  let text = goFixed(s.value, 2);
  if (text.endsWith('.00')) text = text.slice(0, -3);
  if (text === '0' || text === '-0') return '0';
  return text + s.unit;
}

/**
 * The single unit pprof's text reports print every value in (-unit=minimum, the default): the
 * unit of the smallest non-zero flat (else cum) value, moved up one unit when the total is over
 * 100 times bigger and in a different unit.
 */
export function chooseOutputUnit(values: Iterable<{ flat: number; cum: number }>, total: number, unit: string): string {
  let minValue = 0;
  let any = false;
  for (const v of values) {
    any = true;
    let m = Math.abs(v.flat);
    if (m === 0) m = Math.abs(v.cum);
    if (m > 0 && (minValue === 0 || m < minValue)) minValue = m;
  }
  if (!any) return 'minimum';
  const maxValue = total;
  if (minValue === 0) minValue = maxValue;
  const minUnit = scaleValue(minValue, unit, 'minimum').unit;
  const maxUnit = scaleValue(maxValue, unit, 'minimum').unit;
  let chosen = minUnit;
  if (minUnit !== maxUnit && minValue * 100 < maxValue) chosen = scaleValue(100 * minValue, unit, 'minimum').unit;
  return chosen !== '' ? chosen : unit;
}

/** pprof's measurement.Percentage: "  100%", "12.34%", "0.042%", right-aligned to 5 before '%'. */
export function formatPercent(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1) return padStart(goFixed(ratio, 2), 5) + '%';
  return padStart(goFormatG(ratio, 2), 5) + '%';
}
