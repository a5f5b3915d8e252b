// Appointment → an 'appointment' record: what it is for, when (plannedFor), where and with whom.
import type { RecordDraft } from '../../records/model.ts';
import { conceptCodes, conceptText } from './codes.ts';
import type { FhirContext } from './context.ts';
import { fhirDate, periodOf, referenceName } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { dropEmpty, enteredInError, normalizeStatus, ok, whereOf, skip } from './mapped.ts';

const PEOPLE = new Set(['Practitioner', 'PractitionerRole', 'RelatedPerson', 'Organization', 'HealthcareService', 'Device']);

/**
 * The place and the people of an appointment. A referenced Location is the place and the
 * patient is left out. An actor known only by name is the place when the participant has no
 * role and has accepted (a Chartkeeper export writes the place so, and the clinicians it was
 * to be with as 'needs-action'); otherwise it is a person.
 */
function participants(resource: JsonObject, ctx: FhirContext): { locations: string[]; performers: string[] } {
  const locations: string[] = [];
  const performers: string[] = [];
  for (const item of arr(resource['participant'])) {
    const participant = obj(item);
    const actor = participant?.['actor'];
    const name = referenceName(ctx, actor, resource);
    if (!participant || !name) continue;
    const target = ctx.resolve(actor, resource);
    const type = str(target?.['resourceType']) ?? /^(?:.*\/)?([A-Z][A-Za-z]+)\/[^/]+$/.exec(str(obj(actor)?.['reference']) ?? '')?.[1];
    if (type === 'Patient') continue;
    const isPlace =
      type === 'Location' ||
      (!type && arr(participant['type']).length === 0 && str(participant['status']) === 'accepted');
    if (isPlace) locations.push(name);
    else if (!type || PEOPLE.has(type)) performers.push(name);
  }
  return { locations, performers };
}

export function mapAppointment(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip(undefined, 'An appointment was marked as entered in error.', where);
  const serviceTypes = arr(resource['serviceType']);
  const title =
    str(resource['description']) ??
    serviceTypes.map((t) => conceptText(t)).find(Boolean) ??
    conceptText(resource['appointmentType']) ??
    arr(resource['reasonCode']).map((r) => conceptText(r)).find(Boolean) ??
    'Appointment';
  const { locations, performers } = participants(resource, ctx);
  const record: RecordDraft = {
    kind: 'appointment',
    title,
    codes: serviceTypes.flatMap((t) => conceptCodes(t)),
    details: dropEmpty({
      // An appointment's one time is when it is planned for, whether booked (start) or only
      // requested (requestedPeriod, for a day or month without a time).
      plannedFor: fhirDate(resource['start']) ?? periodOf(arr(resource['requestedPeriod'])[0]).start,
      location: locations.join(', ') || undefined,
      performers,
      comment: str(resource['comment']) ?? str(resource['patientInstruction']),
    }),
    sourceLocation: where,
  };
  const status = normalizeStatus(resource['status']);
  if (status) record.status = status;
  return ok(record);
}
