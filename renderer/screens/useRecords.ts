// Loads the entries of some kinds for the open profile, again whenever the records change.
import { useEffect, useState } from 'react';
import type { ContractError } from '../../preload/contract.ts';
import type { EntryKind, StoredEntry } from '../../main/records/model.ts';
import { api } from '../api/client.ts';
import { useProfile, useSession } from '../session.ts';

export function useRecords(kinds: EntryKind[]): { entries: StoredEntry[] | null; error: ContractError | null } {
  const profile = useProfile();
  const { revision } = useSession();
  const [entries, setEntries] = useState<StoredEntry[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const key = kinds.join(',');
  useEffect(() => {
    let live = true;
    void api.records.list({ profileId: profile.id, kinds: key.split(',') as EntryKind[] }).then((r) => {
      if (!live) return;
      if (r.ok) setEntries(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [profile.id, key, revision]);
  return { entries, error };
}

/** Newest first; undated entries last. */
export function byDateDesc(a: StoredEntry, b: StoredEntry): number {
  return (b.start ?? '').localeCompare(a.start ?? '') || a.title.localeCompare(b.title);
}

/** Today on this computer's calendar (YYYY-MM-DD): the day the person is reading on. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
