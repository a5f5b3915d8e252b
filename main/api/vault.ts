import type { VaultStatus } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { isDiskFull } from '../vault/sqlite.ts';
import { createVault, unlockVault, vaultExists } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';
import { listProfiles } from './profiles.ts';
import { checkFilesSoon, readFirstProfileAhead, startSession } from './session.ts';
import { checkVaultFolder } from './vault-folder.ts';

export function vaultHandlers(ctx: ApiContext): HandlerModule {
  const status = (): VaultStatus => ({
    exists: vaultExists(ctx.vaultDir),
    unlocked: Boolean(ctx.session?.isOpen),
    location: ctx.vaultDir,
  });
  return {
    'vault.status': () => status(),
    'vault.create': ({ passphrase }) => {
      try {
        ctx.session?.close();
        ctx.session = createVault(ctx.vaultDir, passphrase, ctx.platform.now());
      } catch (error) {
        if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the vault could not be created.');
        throw error;
      }
      return status();
    },
    'vault.unlock': ({ passphrase, session: first }) => {
      const session = unlockVault(ctx.vaultDir, passphrase);
      ctx.session?.close();
      ctx.session = session;
      checkFilesSoon(session);
      if (!first) return status();
      const start = startSession(session, first.timelineLimit);
      readFirstProfileAhead(ctx, session, start);
      return { ...status(), session: start };
    },
    'vault.checkFiles': async () => {
      const session = ctx.requireSession();
      await session.health.check();
      return { vaultFile: session.health.vaultDamaged ? 'damaged' : 'ok', profiles: listProfiles(session) };
    },
    'vault.lock': () => {
      ctx.session?.close();
      ctx.session = null;
      return status();
    },
    'vault.chooseFolder': async () => {
      // Switching folders under an open vault would leave its session pointing elsewhere.
      const refuseWhileUnlocked = () => {
        if (ctx.session?.isOpen) throw new AppError('invalid-input', 'Lock the vault before choosing another folder.');
      };
      refuseWhileUnlocked();
      const chosen = await ctx.platform.chooseVaultFolder();
      if (chosen === null) return null;
      refuseWhileUnlocked(); // the vault may have been unlocked while the dialog was open
      const dir = checkVaultFolder(chosen);
      // Remembered first: if that fails, the folder in use stays as it was.
      ctx.platform.rememberVaultFolder(dir);
      ctx.vaultDir = dir;
      return status();
    },
    'vault.changePassphrase': ({ current, next }) => {
      try {
        ctx.requireSession().changePassphrase(current, next, ctx.platform.now());
      } catch (error) {
        if (isDiskFull(error)) {
          throw new AppError('disk-full', 'The disk is full, so the passphrase was not changed; your current passphrase still works.');
        }
        throw error;
      }
      return null;
    },
  };
}
