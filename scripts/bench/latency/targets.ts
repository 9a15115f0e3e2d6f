/** Which generated profiles stand for issue 13's "34 MB" and "100 MB" heap profiles, with their goals. */
import type { BenchProfile } from '../generate';

const GOALS: Readonly<Record<string, string>> = {
  'heap-1M-stacks': '≤ 1.5 s',
  'heap-3M-samples': '≤ 3 s',
};

export function bigProfileGoals(profiles: readonly BenchProfile[]): { profile: BenchProfile; goal: string }[] {
  return profiles.filter((p) => GOALS[p.name] !== undefined).map((profile) => ({ profile, goal: GOALS[profile.name]! }));
}
