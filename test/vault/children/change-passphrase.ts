// Child process for the interrupted-passphrase-change test: unlocks and changes the
// passphrase; the test kills it at a random moment.
import { unlockVault } from '../../../main/vault/vault.ts';

const [dir, oldPassphrase, newPassphrase] = process.argv.slice(2) as [string, string, string];
const session = unlockVault(dir, oldPassphrase);
for (const p of session.listProfiles()) session.profileDb(p.id);
process.stdout.write('ready\n');
session.changePassphrase(oldPassphrase, newPassphrase, new Date());
process.stdout.write('done\n');
session.close();
