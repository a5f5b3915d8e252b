// Saving a hand-typed entry (a new one, or an edit of `existing`), shared by the forms that
// write one: the request, the busy state their Save button shows, and what follows a save.
import { useState } from 'react';
import type { ContractError, InputOf } from '../../preload/contract.ts';
import type { StoredEntry } from '../../main/records/model.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';

export function useSaveEntry(existing: StoredEntry | undefined, onDone: (saved: boolean) => void, onError: (error: ContractError) => void) {
  const { t } = useI18n();
  const profile = useProfile();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  async function save(entry: InputOf<'records.save'>['entry']): Promise<void> {
    setBusy(true);
    const r = await api.records.save({ profileId: profile.id, ...(existing ? { entryId: existing.id } : {}), entry });
    setBusy(false);
    if (!r.ok) return onError(r.error);
    session.notify(t('entrySaved'));
    session.bumpRevision();
    onDone(true);
  }
  return { busy, save };
}
