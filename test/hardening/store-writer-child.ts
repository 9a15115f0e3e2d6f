// Child process for the store crash test: saves one large profile into a folder with the
// real store, announcing on stdout when it starts, so the parent can SIGKILL it mid-write.
import { saveProfile } from '../../src/store/profile-store';
import { bigStoredProfile } from './big-stored-profile';

const [dir, megabytes] = process.argv.slice(2);
if (!dir || !megabytes) throw new Error('usage: store-writer-child.ts DIR MEGABYTES');
const profile = bigStoredProfile(Number(megabytes));
process.stdout.write(`writing ${profile.length}\n`);
void saveProfile(dir, {
  program: 'crashtest',
  type: 'cpu',
  profile,
  sidecar: { version: 1, program: 'crashtest', args: [], capture: { kind: 'cpu', source: 'agent' }, startedAt: new Date().toISOString(), endedAt: new Date().toISOString() },
}).then((saved) => process.stdout.write(`saved ${saved.profilePath}\n`));
