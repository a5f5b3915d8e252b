// How a stored entry reads to a person, decided at read time and shared by the renderer and
// the visit summary: numbers at the source's precision, units as people write them, body
// measurements in the reader's unit system, dates without invented times, date labels and
// statuses that fit the kind, and one vocabulary for abnormal results. No Node APIs here:
// the renderer bundles these files (renderer/tsconfig.json compiles them without Node types).

export * from './numbers.ts';
export * from './units.ts';
export * from './quantity.ts';
export * from './dates.ts';
export * from './labels.ts';
export * from './flags.ts';
export * from './titles.ts';
export * from './routes.ts';
export * from './as-needed.ts';
export * from './frequency.ts';
export * from './directive.ts';
export * from './personal.ts';
export * from './duplicate-reasons.ts';
export * from './devices.ts';
export * from './groups.ts';
export * from './allergy-words.ts';
export * from './left-out.ts';
export * from './problem-type.ts';
export * from './dosage-extras.ts';
export * from './dose.ts';
export * from './negation.ts';
export * from './vaccine-source.ts';
export * from './family.ts';
