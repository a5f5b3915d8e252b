// A medicine's dosages on one line for the lists (Medications, At a glance): every dosage in the
// source's order, so "1 tablet in the morning" never hides the "½ tablet in the evening" after it.
import type { DoseLine, EntryDetails } from '../../main/records/model.ts';
import { shownDose } from '../../main/records/readable/index.ts';
import type { I18n } from '../i18n/make.ts';

/** "1 tablet · once a day, in the morning; 0.5 tablet · once a day, in the evening"; empty when no dosage says anything. */
export function dosagesLine(i18n: Pick<I18n, 'frequency'>, details: Pick<EntryDetails, 'dose' | 'frequency' | 'moreDoses'>): string {
  const lines: DoseLine[] = [details, ...(details.moreDoses ?? [])];
  return lines
    .map((line) => [shownDose(line.dose), i18n.frequency(line.frequency)].filter(Boolean).join(' · '))
    .filter(Boolean)
    .join('; ');
}
