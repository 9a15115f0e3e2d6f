// Only the Restricted Mode scenario (scripts/vscode/untrusted-run.ts) for quick iteration:
//   flock /tmp/vscode-suite.lock node --import tsx scripts/vscode/run-untrusted-scenario.ts
// `npm run test:vscode` runs it together with everything else.
import { main } from './standalone-scenario';
import { runUntrustedVsCode } from './untrusted-run';

main((dirs, vsix) => runUntrustedVsCode(vsix, dirs));
