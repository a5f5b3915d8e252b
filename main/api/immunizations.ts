// Immunization forecasts by CDC's CDSi logic (main/immunizations): a pure calculation that needs
// no vault, so it answers whether or not one is open.
import type { ImmunizationForecast, ImmunizationProfileForecast } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { formatIsoDate, parseIsoDate } from '../immunizations/dates.ts';
import { dosesFromRecord, genderOf } from '../immunizations/from-record.ts';
import { cvxKey } from '../immunizations/supporting-data.ts';
import { defaultSupportingData, forecast, forecastFromJson, ImmunizationInputError } from '../immunizations/index.ts';
import { listEntries } from '../vault/entries.ts';
import { hiddenBecause } from '../records/readable/personal.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export function immunizationHandlers(ctx: ApiContext): HandlerModule {
  return {
    'immunizations.forecast': (history): ImmunizationForecast => {
      const now = ctx.platform.now();
      const today = Math.floor(now.getTime() / 86_400_000);
      try {
        return forecastFromJson(history, undefined, today);
      } catch (error) {
        if (error instanceof ImmunizationInputError) throw new AppError('invalid-input', error.message);
        throw error;
      }
    },
    'immunizations.profile': ({ profileId, assessmentDate }): ImmunizationProfileForecast => {
      const session = ctx.requireSession();
      const profile = session.getProfile(profileId);
      const birth = parseIsoDate(profile.birthDate.slice(0, 10));
      if (birth === null) throw new AppError('invalid-input', 'This profile has no full birth date, which a forecast needs.');
      const today = assessmentDate ? parseIsoDate(assessmentDate) : Math.floor(ctx.platform.now().getTime() / 86_400_000);
      if (today === null || today < birth) throw new AppError('invalid-input', 'The assessment date is before the birth date.');
      const data = defaultSupportingData();
      const { doses, notCounted, matchedByName } = dosesFromRecord(
        // A dose the person said is wrong is not counted (one they only hid still is).
        listEntries(session.profileDb(profileId), ['immunization']).filter((e) => hiddenBecause(e)?.kind !== 'wrong'),
        data,
        birth,
      );
      const vaccineNames: Record<string, string> = {};
      for (const dose of doses) vaccineNames[dose.cvx] = data.cvx.get(cvxKey(dose.cvx))?.name ?? dose.cvx;
      return {
        assessmentDate: formatIsoDate(today),
        forecast: forecast({ birthDate: birth, sex: genderOf(profile.sex), assessmentDate: today, doses, observations: [] }, data),
        notCounted,
        matchedByName,
        vaccineNames,
      };
    },
  };
}
