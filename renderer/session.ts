// What every screen of an unlocked session needs: settings, the profiles, whose record is open,
// navigation and a way to show a short status message. Provided by App, read with useSession().
import { createContext, useContext } from 'react';
import type { Profile, Settings } from '../preload/contract.ts';

export type Screen =
  | 'glance'
  | 'timeline'
  | 'medications'
  | 'problems'
  | 'allergies'
  | 'immunizations'
  | 'whatsdue'
  | 'results'
  | 'vitals'
  | 'documents'
  | 'duplicates'
  | 'trends'
  | 'mynotes'
  | 'import'
  | 'summary'
  | 'profiles'
  | 'settings';

export interface Session {
  settings: Settings;
  updateSettings(next: Settings): void;
  profiles: Profile[];
  profile: Profile | undefined;
  reloadProfiles(selectId?: string): Promise<void>;
  selectProfile(id: string): void;
  screen: Screen;
  navigate(screen: Screen): void;
  /** Opens the details dialog of one entry. */
  openEntry(entryId: number): void;
  /** Bumped after anything changes the records (import, merge, save) so lists reload. */
  revision: number;
  bumpRevision(): void;
  notify(message: string): void;
  lock(reason?: 'idle'): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside an unlocked session');
  return s;
}

/** The profile is required by most screens; they are only shown when one is selected. */
export function useProfile(): Profile {
  const { profile } = useSession();
  if (!profile) throw new Error('No profile selected');
  return profile;
}

const LANG_KEY = 'chartkeeper.language';
const IDLE_FLAG = 'chartkeeper.lockedAfterIdle';

/** The language is remembered outside the vault only so the unlock screen speaks it. */
export function rememberedLanguage(): 'en' | 'es' {
  try {
    return localStorage.getItem(LANG_KEY) === 'es' ? 'es' : 'en';
  } catch {
    return 'en';
  }
}
export function rememberLanguage(lang: 'en' | 'es'): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // storage may be disabled; the unlock screen then speaks English
  }
}
export function markIdleLock(): void {
  try {
    sessionStorage.setItem(IDLE_FLAG, '1');
  } catch {
    /* no storage: no message */
  }
}
export function takeIdleLockFlag(): boolean {
  try {
    const v = sessionStorage.getItem(IDLE_FLAG) === '1';
    sessionStorage.removeItem(IDLE_FLAG);
    return v;
  } catch {
    return false;
  }
}
