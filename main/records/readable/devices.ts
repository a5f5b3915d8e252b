// Which sources are a person's own devices, and what that says about a pair to review. Pure
// (the renderer bundles it); main/records/reconcile.ts reads DEVICE_FORMATS from here.

/**
 * The formats whose readings are a person's own devices' (a glucose sensor or meter, a home
 * cuff, a phone or watch), each reading timed by the device when it was taken.
 */
export const DEVICE_FORMATS: ReadonlySet<string> = new Set(['glucose-csv', 'bp-csv', 'apple-health', 'csv-mapped']);

interface Sourced {
  kind: string;
  sources: readonly { format: string }[];
}

/** Every source of the entry is one of the person's own devices. */
function fromDevicesOnly(entry: Sourced): boolean {
  return entry.sources.length > 0 && entry.sources.every((s) => DEVICE_FORMATS.has(s.format));
}

/** Some source of the entry is a clinic's or a portal's document (neither a device nor typed in by hand). */
function fromADocument(entry: Sourced): boolean {
  return entry.sources.some((s) => s.format !== 'manual' && !DEVICE_FORMATS.has(s.format));
}

/**
 * Whether a reading pair is one of the person's own devices against a clinic's document: such a
 * pair stays for the person to decide even when the device is a watch that reads all day,
 * because the clinic's reading may be a copy of the device's, so the instrument cannot be told.
 */
export function deviceAgainstDocument(a: Sourced, b: Sourced): boolean {
  if ((a.kind !== 'result' && a.kind !== 'vital') || a.kind !== b.kind) return false;
  return (fromDevicesOnly(a) && fromADocument(b)) || (fromDevicesOnly(b) && fromADocument(a));
}
