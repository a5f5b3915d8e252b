// The translation layer's React side: the provider and hook around makeI18n (make.ts).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { GlucoseUnit, UnitSystem } from '../../main/records/readable/index.ts';
import { makeI18n, type I18n, type Language } from './make.ts';

export { makeI18n, type I18n, type Language } from './make.ts';

const I18nContext = createContext<I18n>(makeI18n('en'));

export function I18nProvider({ lang, units, glucose, children }: { lang: Language; units?: UnitSystem; glucose?: GlucoseUnit; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang, units, glucose), [lang, units, glucose]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
