// The state of a profile's file, said to the person: a damaged file (read-only until restored)
// or a missing/empty one, with the way back (restore from a backup, or remove the profile).
// The vault's own file has its sentence too. Main decides the state (health.ts); this words it.
import type { ContractError, Profile } from '../../preload/contract.ts';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';
import { ErrorText } from './Status.tsx';

export function FileProblem({ profile, showRemove = true }: { profile: Profile; showRemove?: boolean }) {
  const { t } = useI18n();
  const session = useSession();
  if (profile.state === 'ok') return null;
  const sentence = t(profile.state === 'damaged' ? 'profileFileDamaged' : 'profileFileMissing', { name: profile.name, file: profile.file });
  return (
    <div className="warning file-problem" role="alert" data-testid="file-problem">
      <p>{sentence}</p>
      <div className="button-row">
        <button type="button" onClick={() => session.navigate('settings')}>
          {t('restoreFromBackup')}
        </button>
        {showRemove && profile.state === 'missing' && (
          <button type="button" className="button-danger" onClick={() => session.navigate('profiles')}>
            {t('removeProfile')}
          </button>
        )}
      </div>
    </div>
  );
}

export function VaultFileProblem() {
  const { t } = useI18n();
  return (
    <p className="warning file-problem" role="alert" data-testid="vault-file-problem">
      {t('vaultFileDamaged')}
    </p>
  );
}

/** A short word for the switcher's list, where a sentence does not fit. */
export function stateLabel(t: ReturnType<typeof useI18n>['t'], profile: Profile): string {
  if (profile.state === 'damaged') return `${profile.name} (${t('stateDamaged')})`;
  if (profile.state === 'missing') return `${profile.name} (${t('stateMissing')})`;
  return profile.name;
}

/**
 * The error of a screen that reads the open profile. When the profile's file is damaged or
 * missing, the notice above every screen (FileProblem) already says so in the reader's language;
 * main's sentence for the same fact would say it a second time.
 */
export function LoadError({ error }: { error: ContractError | null | undefined }) {
  const profile = useProfile();
  if (error && error.kind === 'corrupt' && profile.state !== 'ok') return null;
  return <ErrorText error={error} />;
}
