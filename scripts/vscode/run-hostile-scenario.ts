// Only the hostile-profile UI scenario (test/integration/ui/hostile-profile.scenario.ts) in a fresh
// code-server, for quick iteration: flock /tmp/vscode-suite.lock node --import tsx scripts/vscode/run-hostile-scenario.ts
// `npm run test:vscode` runs the same scenario together with everything else.
import { runHostileProfileScenario } from '../../test/integration/ui/hostile-profile.scenario';
import { inWorkbench, main } from './standalone-scenario';

main(inWorkbench('Go Profiler: Import Profile', (page, dirs) => runHostileProfileScenario(page, dirs)));
