// Holds a lock on a vault until killed, as another Chartkeeper process would:
//   exclusive  the folder's lock taken exclusively (a passphrase change in progress)
//   write      the vault unlocked and the first profile's write transaction open (a long import)
import { VaultLock } from '../../../main/vault/lock.ts';
import { unlockVault } from '../../../main/vault/vault.ts';

const [dir, passphrase, mode] = process.argv.slice(2) as [string, string, 'exclusive' | 'write'];
// Kept reachable: a connection the garbage collector finalizes is closed, and its locks go with it.
const held: unknown[] = [];
if (mode === 'exclusive') {
  held.push(VaultLock.acquire(dir, 'exclusive'));
} else {
  const session = unlockVault(dir, passphrase);
  held.push(session);
  const first = session.listProfiles()[0]!;
  session.profileDb(first.id).prepare('BEGIN IMMEDIATE').run();
}
process.stdout.write('ready\n');
setInterval(() => held.length, 60_000);
