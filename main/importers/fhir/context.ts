// The resources of one FHIR file and reference resolution between them (bundle fullUrl,
// `Type/id`, absolute URLs ending in `Type/id`, and `#id` contained resources).
import type { PartialDate } from '../../records/model.ts';
import { isPlaceholderDate } from '../../records/model.ts';
import type { Json, JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';

export class FhirContext {
  readonly resources: JsonObject[];
  private readonly byKey = new Map<string, JsonObject>();

  constructor(resources: JsonObject[], fullUrls: (string | undefined)[] = []) {
    this.resources = resources;
    resources.forEach((resource, i) => {
      const type = str(resource['resourceType']);
      const id = str(resource['id']);
      const fullUrl = fullUrls[i];
      if (fullUrl) this.byKey.set(fullUrl, resource);
      if (type && id) this.byKey.set(`${type}/${id}`, resource);
    });
  }

  /** The resource a Reference points to, if it is in this file. */
  resolve(reference: Json, from?: JsonObject): JsonObject | undefined {
    const ref = str(obj(reference)?.['reference']);
    if (!ref) return undefined;
    if (ref.startsWith('#')) {
      const id = ref.slice(1);
      return arr(from?.['contained']).map(obj).find((c) => c && str(c['id']) === id);
    }
    const direct = this.byKey.get(ref);
    if (direct) return direct;
    const tail = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(ref);
    return tail?.[1] ? this.byKey.get(tail[1]) : undefined;
  }

  ofType(type: string): JsonObject[] {
    return this.resources.filter((r) => r['resourceType'] === type);
  }
}

const FHIR_DATE = /^(\d{4})(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A FHIR date/dateTime/instant at its own precision (fractional seconds dropped); a placeholder day is no date. */
export function fhirDate(value: Json): PartialDate | undefined {
  const text = str(value);
  if (!text || isPlaceholderDate(text)) return undefined;
  const m = FHIR_DATE.exec(text);
  if (!m) return undefined;
  return text.replace(/\.\d+/, '');
}

export function periodOf(value: Json): { start?: PartialDate; end?: PartialDate } {
  const p = obj(value);
  const out: { start?: PartialDate; end?: PartialDate } = {};
  const start = fhirDate(p?.['start']);
  const end = fhirDate(p?.['end']);
  if (start) out.start = start;
  if (end) out.end = end;
  return out;
}

/** `[x]` choice dates: dateTime, Period or a plain string/age left as text. */
export function choiceDate(resource: JsonObject, prefix: string): { start?: PartialDate; end?: PartialDate; text?: string } {
  const dateTime = fhirDate(resource[`${prefix}DateTime`]);
  if (dateTime) return { start: dateTime };
  const period = periodOf(resource[`${prefix}Period`]);
  if (period.start || period.end) return period;
  const text = str(resource[`${prefix}String`]);
  return text ? { text } : {};
}

/** A reference's display, else the referenced resource's name. */
export function referenceName(ctx: FhirContext, reference: Json, from?: JsonObject): string | undefined {
  const display = str(obj(reference)?.['display']);
  if (display) return display;
  const target = ctx.resolve(reference, from);
  if (!target) return undefined;
  // A PractitionerRole names no one itself: the practitioner it points to does.
  if (target['resourceType'] === 'PractitionerRole') return resourceName(target) ?? referenceName(ctx, target['practitioner'], target);
  return resourceName(target);
}

/** The human name of a Practitioner/Organization/Location/etc. */
export function resourceName(resource: JsonObject): string | undefined {
  const name = resource['name'];
  const text = str(name);
  if (text) return text;
  for (const n of arr(name)) {
    const human = obj(n);
    if (!human) continue;
    const full = str(human['text']);
    if (full) return full;
    const parts = [...arr(human['prefix']), ...arr(human['given']), human['family'], ...arr(human['suffix'])]
      .map(str)
      .filter((s): s is string => !!s);
    if (parts.length) return parts.join(' ');
  }
  return undefined;
}
