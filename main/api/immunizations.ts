// Immunization forecasts by CDC's CDSi logic (main/immunizations): a forecast from given data
// needs no vault; one from a profile's record uses the person's own statements (observations
// they confirmed or added, vaccines they chose by hand), kept beside the record in its file.
import type { DueNotice, ImmunizationForecast, ImmunizationProfileForecast } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { formatIsoDate, parseIsoDate, type Day } from '../immunizations/dates.ts';
import { dosesFromRecord, genderOf } from '../immunizations/from-record.ts';
import { defaultSupportingData, forecast, forecastFromJson, ImmunizationInputError } from '../immunizations/index.ts';
import { dueOn, pendingNotices, type ProfileForecast } from '../immunizations/notices.ts';
import { engineObservations, immunizationChoices, observationState, proposedObservations } from '../immunizations/observations.ts';
import { cvxKey } from '../immunizations/supporting-data.ts';
import { getEntry, listEntries } from '../vault/entries.ts';
import { readImmunizationStatements, stateObservation, stateVaccine } from '../vault/immunization-statements.ts';
import type { SummaryVaccinesDue } from '../summary/build.ts';
import type { VaultSession } from '../vault/vault.ts';
import { hiddenBecause } from '../records/readable/personal.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';
import { readSettings } from './settings.ts';

/** Keys of the due doses already notified, in the vault file (not per profile: one list for the shell). */
const NOTIFIED = 'immunizations.notified';

function todayOf(ctx: ApiContext): Day {
  return Math.floor(ctx.platform.now().getTime() / 86_400_000);
}

function profileForecast(session: VaultSession, profileId: string, today: Day): ImmunizationProfileForecast {
  const profile = session.getProfile(profileId);
  const birth = parseIsoDate(profile.birthDate.slice(0, 10));
  if (birth === null) throw new AppError('invalid-input', 'This profile has no full birth date, which a forecast needs.');
  if (today < birth) throw new AppError('invalid-input', 'The assessment date is before the birth date.');
  const data = defaultSupportingData();
  const db = session.profileDb(profileId);
  const statements = readImmunizationStatements(db);
  // A dose or a condition the person said is wrong is not used (one they only hid still is).
  const entries = listEntries(db, ['immunization', 'problem', 'allergy', 'procedure']).filter((e) => hiddenBecause(e)?.kind !== 'wrong');
  const { doses, notCounted, matchedByName, handChosen } = dosesFromRecord(entries, data, birth, statements.vaccines);
  const observations = observationState(proposedObservations(entries, data, formatIsoDate(today)), statements.observations, data);
  const vaccineNames: Record<string, string> = {};
  for (const dose of doses) vaccineNames[dose.cvx] = data.cvx.get(cvxKey(dose.cvx))?.name ?? dose.cvx;
  return {
    assessmentDate: formatIsoDate(today),
    forecast: forecast({ birthDate: birth, sex: genderOf(profile.sex), assessmentDate: today, doses, observations: engineObservations(observations) }, data),
    notCounted,
    matchedByName,
    vaccineNames,
    handChosen,
    observations,
  };
}

/** The forecast as the visit summary prints it; null when the profile has no full birth date. */
export function vaccinesDueForSummary(session: VaultSession, profileId: string, now: Date): SummaryVaccinesDue | null {
  const birth = parseIsoDate(session.getProfile(profileId).birthDate.slice(0, 10));
  if (birth === null) return null;
  const result = profileForecast(session, profileId, Math.floor(now.getTime() / 86_400_000));
  return {
    supportingData: result.forecast.supportingData,
    assessmentDate: result.assessmentDate,
    groups: result.forecast.groups,
    conditions: result.observations.confirmed.map((c) => c.title),
  };
}

function readNotified(session: VaultSession): Set<string> {
  try {
    const parsed: unknown = JSON.parse(session.getSetting(NOTIFIED) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : []);
  } catch {
    return new Set();
  }
}

/** The doses due today across every profile with a full birth date and a readable file. */
function dueAcrossProfiles(session: VaultSession, today: Day): DueNotice[] {
  const forecasts: ProfileForecast[] = [];
  for (const profile of session.listProfiles()) {
    try {
      forecasts.push({ profileId: profile.id, profileName: profile.name, forecast: profileForecast(session, profile.id, today).forecast });
    } catch {
      // A profile without a birth date, or whose file is missing or damaged, has nothing to tell;
      // its own screen says why.
    }
  }
  return dueOn(forecasts, formatIsoDate(today));
}

export function immunizationHandlers(ctx: ApiContext): HandlerModule {
  return {
    'immunizations.forecast': (history): ImmunizationForecast => {
      try {
        return forecastFromJson(history, undefined, todayOf(ctx));
      } catch (error) {
        if (error instanceof ImmunizationInputError) throw new AppError('invalid-input', error.message);
        throw error;
      }
    },
    'immunizations.profile': ({ profileId, assessmentDate }) => {
      const today = assessmentDate ? parseIsoDate(assessmentDate) : todayOf(ctx);
      if (today === null) throw new AppError('invalid-input', 'The assessment date is not a date written as YYYY-MM-DD.');
      return profileForecast(ctx.requireSession(), profileId, today);
    },
    'immunizations.choices': () => immunizationChoices(defaultSupportingData()),
    'immunizations.observation': ({ profileId, code, entryId, answer }) => {
      const session = ctx.requireSession();
      session.getProfile(profileId);
      const padded = code.padStart(3, '0');
      if (!defaultSupportingData().observations.has(padded)) throw new AppError('invalid-input', "That is not one of CDC's coded observations.");
      const db = session.profileDb(profileId);
      if (entryId !== undefined && entryId !== null && answer !== null) {
        const entry = getEntry(db, entryId);
        if (!entry) throw new AppError('not-found', 'That entry is no longer in the record.');
        // An answer about an entry is about what it proposes; anything else would be kept but never used.
        const proposes = proposedObservations([entry], defaultSupportingData(), formatIsoDate(todayOf(ctx))).some((p) => p.code === padded);
        if (!proposes) throw new AppError('invalid-input', 'That entry of the record does not suggest this condition.');
      }
      if (entryId == null && answer === 'no') throw new AppError('invalid-input', 'Only a condition proposed from the record can be declined.');
      stateObservation(db, padded, entryId ?? null, answer, ctx.platform.now());
      return null;
    },
    'immunizations.chooseVaccine': ({ profileId, entryId, cvx }) => {
      const session = ctx.requireSession();
      session.getProfile(profileId);
      const db = session.profileDb(profileId);
      if (cvx !== null) {
        if (!defaultSupportingData().cvx.has(cvxKey(cvx))) throw new AppError('invalid-input', `CVX ${cvx} is not in CDC's supporting data.`);
        const entry = getEntry(db, entryId);
        if (!entry || entry.kind !== 'immunization') throw new AppError('not-found', 'That immunization is no longer in the record.');
      }
      stateVaccine(db, entryId, cvx, ctx.platform.now());
      return null;
    },
    'immunizations.notices': () => {
      const session = ctx.requireSession();
      if (!readSettings(session).dueNotifications) return [];
      const due = dueAcrossProfiles(session, todayOf(ctx));
      const { pending, keep } = pendingNotices(due, readNotified(session));
      session.setSetting(NOTIFIED, JSON.stringify(keep));
      return pending;
    },
    'immunizations.noticesSeen': ({ keys }) => {
      const session = ctx.requireSession();
      const shown = readNotified(session);
      for (const key of keys) shown.add(key);
      session.setSetting(NOTIFIED, JSON.stringify([...shown]));
      return null;
    },
  };
}
