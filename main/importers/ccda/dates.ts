// HL7 v3 TS values (YYYYMMDDHHMMSS.UUUU±ZZZZ, any prefix of it) to ISO 8601 at the precision
// given. Never invents precision: "2012" stays "2012", "201203" becomes "2012-03".
import { isPlaceholderDate, type PartialDate } from '../../records/model.ts';
import { attr, child, type XmlNode } from '../xml/tree.ts';

const TS = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{2}(?:\d{2})?|Z)?$/;

export function tsToIso(raw: string | undefined): PartialDate | undefined {
  const iso = readTs(raw);
  // 0001-01-01 and 1900-01-01 are what some systems write for "no date": not a date.
  return isPlaceholderDate(iso) ? undefined : iso;
}

function readTs(raw: string | undefined): PartialDate | undefined {
  if (!raw) return undefined;
  const match = TS.exec(raw.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, zone] = match;
  if (month && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day && (Number(day) < 1 || Number(day) > 31)) return undefined;
  if (year === '0000') return undefined;
  let out = year as string;
  if (!month) return out;
  out += `-${month}`;
  if (!day) return out;
  out += `-${day}`;
  if (!hour) return out;
  // ISO needs minutes once there is a time; an hour-only TS gets ":00" which adds no precision
  // a reader could mistake (the hour is what the source said).
  out += `T${hour}:${minute ?? '00'}`;
  if (second) out += `:${second}`;
  if (zone) out += zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3, 5) || '00'}`;
  return out;
}

export interface Interval {
  start?: PartialDate;
  end?: PartialDate;
}

/** effectiveTime as IVL_TS (low/high/center) or a plain TS value. */
export function readInterval(node: XmlNode | undefined): Interval {
  if (!node) return {};
  const out: Interval = {};
  const value = tsToIso(attr(node, 'value'));
  if (value) out.start = value;
  const low = tsToIso(attr(child(node, 'low'), 'value'));
  const high = tsToIso(attr(child(node, 'high'), 'value'));
  const center = tsToIso(attr(child(node, 'center'), 'value'));
  if (low) out.start = low;
  else if (!out.start && center) out.start = center;
  if (high) out.end = high;
  return out;
}
