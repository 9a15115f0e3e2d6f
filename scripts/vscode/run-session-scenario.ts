// Only the Run with Profiler UI scenario (scripts/vscode/session-scenario.ts) in a fresh
// code-server, for quick iteration: node --import tsx scripts/vscode/run-session-scenario.ts
// `npm run test:vscode` runs the same scenario together with everything else.
import { runSessionScenario } from './session-scenario';
import { inWorkbench, main } from './standalone-scenario';

main(inWorkbench('Go Profiler: Run with Profiler', (page, dirs) => runSessionScenario(page, dirs.workspace)));
