// The export.xml prolog guard: Apple's internal DTD subset (element and attribute declarations,
// comments) is let through; any entity declaration, external reference or other DOCTYPE is
// refused with a sentence, however the file is cut into chunks.
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../main/importers/errors.ts';
import { readProlog } from '../../main/importers/apple-health/prolog.ts';
import { ExportReader } from '../../main/importers/apple-health/reader.ts';

const APPLE_DTD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  note          CDATA "a default with > and ] inside"
>
<!-- Note: Any Records that appear as children of a correlation also appear as top-level records in this document. -->
]>
`;
const BODY = `<HealthData locale="en_US">
 <ExportDate value="2026-03-16 09:00:00 -0400"/>
 <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="Watch" unit="count/min" startDate="2026-03-01 08:00:00 -0500" endDate="2026-03-01 08:00:00 -0500" value="58"/>
</HealthData>
`;

/** Reads `text` cut into pieces of `size` characters; returns the error sentence or the readings kept. */
function read(text: string, size = 7): string | number {
  try {
    const kept: unknown[] = [];
    const reader = new ExportReader({ what: 'export.xml' }, (batch) => kept.push(...batch));
    for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size));
    reader.end();
    return kept.length;
  } catch (error) {
    if (error instanceof ImportError) return error.message;
    throw error;
  }
}

describe("export.xml's prolog", () => {
  it("accepts Apple's internal DTD subset, in any chunking", () => {
    expect(read(APPLE_DTD + BODY, 1)).toBe(1);
    expect(read(APPLE_DTD + BODY, 4096)).toBe(1);
    expect(read(BODY)).toBe(1);
    expect(readProlog(APPLE_DTD + BODY, 'x')).toEqual({ done: true, rootAt: APPLE_DTD.length, root: 'HealthData' });
  });

  it('waits for more text while the DTD is incomplete', () => {
    expect(readProlog(APPLE_DTD.slice(0, 200), 'x')).toEqual({ done: false });
  });

  const refused: [string, string, RegExp][] = [
    ['an internal entity', '<!DOCTYPE HealthData [ <!ENTITY x "boom"> ]>', /declares an entity in its document type/],
    ['an entity among Apple declarations', '<!DOCTYPE HealthData [ <!ELEMENT HealthData ANY> <!ENTITY x SYSTEM "file:///etc/passwd"> ]>', /declares an entity/],
    ['a parameter entity', '<!DOCTYPE HealthData [ <!ENTITY % p "x"> %p; ]>', /declares an entity/],
    ['a parameter-entity reference', '<!DOCTYPE HealthData [ %p; ]>', /parameter entity/],
    ['a parameter entity inside a declaration', '<!DOCTYPE HealthData [ <!ATTLIST Record %p; > ]>', /parameter entity/],
    ['an external DTD (SYSTEM)', '<!DOCTYPE HealthData SYSTEM "http://example.org/x.dtd">', /external document type \(SYSTEM or PUBLIC\)/],
    ['an external DTD (PUBLIC)', '<!DOCTYPE HealthData PUBLIC "-//X//DTD X//EN" "x.dtd" [ ]>', /external document type/],
    ['a notation', '<!DOCTYPE HealthData [ <!NOTATION n SYSTEM "x"> ]>', /document type declaration other than Apple Health’s own/],
    ['a DOCTYPE without a subset', '<!DOCTYPE HealthData>', /other than Apple Health’s own/],
    ['two DOCTYPEs', '<!DOCTYPE HealthData [ ]><!DOCTYPE HealthData [ ]>', /other than Apple Health’s own/],
    ['a processing instruction in the subset', '<!DOCTYPE HealthData [ <?pi x?> ]>', /other than Apple Health’s own/],
  ];
  for (const [name, doctype, sentence] of refused) {
    it(`refuses ${name} with a sentence`, () => {
      const result = read(`<?xml version="1.0"?>\n${doctype}\n${BODY}`);
      expect(result).toMatch(sentence);
      expect(result).toMatch(/^export\.xml .*, so it was not imported\.$/);
    });
  }

  it('refuses another document element and damaged XML with a sentence', () => {
    expect(read('<ClinicalDocument/>')).toBe('export.xml is not an Apple Health export (its document element is ClinicalDocument).');
    expect(read(BODY.replace('</HealthData>', '</HealthDat>'))).toMatch(/^export\.xml is damaged or incomplete \(the XML breaks off or is malformed near line \d+\), so it was not imported\.$/);
    expect(read(BODY.slice(0, 200))).toMatch(/damaged or incomplete/);
    // An entity reference needs a declaration, which is refused, so it cannot resolve either.
    expect(read(BODY.replace('sourceName="Watch"', 'sourceName="&x;"'))).toMatch(/damaged or incomplete/);
    expect(read('')).toBe('export.xml is empty.');
  });
});
