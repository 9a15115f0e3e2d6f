/**
 * Label selectors of Pyroscope queries (`{service_name="checkout", version=~"v1.*"}`), the
 * syntax Prometheus uses. Pure.
 */
import { OptionError } from '../shared/option-error';

export const MATCHER_OPS = ['=', '!=', '=~', '!~'] as const;
export type MatcherOp = (typeof MATCHER_OPS)[number];

export interface LabelMatcher {
  readonly name: string;
  readonly op: MatcherOp;
  readonly value: string;
}

const NAME = /^[a-zA-Z_][a-zA-Z0-9_.]*$/;

/** A value in double quotes with `\` and `"` escaped (and newlines, which cannot stand raw). */
export function quoteLabelValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `{a="x",b=~"y"}` from matchers; `{}` for none. */
export function buildSelector(matchers: readonly LabelMatcher[]): string {
  for (const m of matchers) {
    if (!NAME.test(m.name)) throw new OptionError(`label name "${m.name}" is not valid (letters, digits, _ and .)`);
  }
  return `{${matchers.map((m) => `${m.name}${m.op}${quoteLabelValue(m.value)}`).join(',')}}`;
}

/** `region=eu`, `version!=v1`, `pod=~"checkout-.*"` (quotes optional) as one matcher. */
export function parseMatcher(text: string): LabelMatcher {
  const m = /^\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/.exec(text);
  if (!m) throw new OptionError(`"${text}" is not a label matcher: use name=value, name!=value, name=~regex or name!~regex`);
  let value = m[3]!;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    value = value.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return { name: m[1]!, op: m[2] as MatcherOp, value };
}

/** The selector text with one more matcher, or with the value of an existing `name=` replaced. */
export function withMatcher(matchers: readonly LabelMatcher[], added: LabelMatcher): LabelMatcher[] {
  return [...matchers.filter((m) => !(m.name === added.name && m.op === added.op)), added];
}

/** A light check of a hand-written selector: in braces; the server checks the rest. */
export function checkSelector(text: string): string {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) throw new OptionError(`--query must be a label selector in braces, like {service_name="checkout"}, not "${text}"`);
  return t;
}

/** The value of `name="value"` in a selector built by buildSelector, if it has one. */
export function matcherValue(matchers: readonly LabelMatcher[], name: string): string | undefined {
  return matchers.find((m) => m.name === name && m.op === '=')?.value;
}
