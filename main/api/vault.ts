import type { VaultStatus } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { isDiskFull } from '../vault/sqlite.ts';
import { createVault, unlockVault, vaultExists } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export function vaultHandlers(ctx: ApiContext): HandlerModule {
  const status = (): VaultStatus => ({
    exists: vaultExists(ctx.platform.vaultDir),
    unlocked: Boolean(ctx.session?.isOpen),
    location: ctx.platform.vaultDir,
  });
  return {
    'vault.status': () => status(),
    'vault.create': ({ passphrase }) => {
      try {
        ctx.session?.close();
        ctx.session = createVault(ctx.platform.vaultDir, passphrase, ctx.platform.now());
      } catch (error) {
        if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the vault could not be created.');
        throw error;
      }
      return status();
    },
    'vault.unlock': ({ passphrase }) => {
      const session = unlockVault(ctx.platform.vaultDir, passphrase);
      ctx.session?.close();
      ctx.session = session;
      return status();
    },
    'vault.lock': () => {
      ctx.session?.close();
      ctx.session = null;
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
