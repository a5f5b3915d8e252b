// Chartkeeper's own FHIR export keeps a clock time that has no time zone in a primitive
// extension, because a FHIR dateTime with a time must carry a zone and none can be invented:
// `"onsetDateTime": "2024-05-30", "_onsetDateTime": { "extension": [{ "url":
// "urn:chartkeeper:fhir:local-time", "valueTime": "14:30:00" }] }`. Reading the file back puts
// the time back on the date, so the entry is the local time it was before the export.
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';

export const LOCAL_TIME_EXTENSION = 'urn:chartkeeper:fhir:local-time';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;

function localTimeOf(primitiveElement: unknown): string | undefined {
  for (const extension of arr(obj(primitiveElement)?.['extension'])) {
    const e = obj(extension);
    const time = str(e?.['valueTime']);
    if (e?.['url'] === LOCAL_TIME_EXTENSION && time && TIME.test(time)) return time;
  }
  return undefined;
}

/**
 * Joins each date-only value with the local time its `_field` extension names, in place,
 * everywhere in the parsed file (resources, periods, extensions). Iterative, as the file may
 * be deep; only the Chartkeeper extension is read, so other files are left as they are.
 */
export function restoreLocalTimes(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (const item of current) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    const holder = obj(current);
    if (!holder) continue;
    for (const [key, child] of Object.entries(holder)) {
      if (child !== null && typeof child === 'object') stack.push(child);
      if (!key.startsWith('_')) continue;
      const field = key.slice(1);
      const day = holder[field];
      const time = localTimeOf(child);
      if (typeof day === 'string' && DAY.test(day) && time) (holder as JsonObject)[field] = `${day}T${time}`;
    }
  }
}
