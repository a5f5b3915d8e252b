// Small Apple Health exports written for the tests (the corpus has no export with health
// records, a localised name or two exports of one phone): invented values only.
import { zipSync } from 'fflate';

export const DTD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT ClinicalRecord EMPTY>
<!ATTLIST ClinicalRecord
  type              CDATA #REQUIRED
  identifier        CDATA #REQUIRED
  sourceName        CDATA #REQUIRED
  sourceURL         CDATA #REQUIRED
  fhirVersion       CDATA #REQUIRED
  receivedDate      CDATA #REQUIRED
  resourceFilePath  CDATA #REQUIRED
>
]>
`;

const WATCH = 'device="&lt;&lt;HKDevice: 0x1&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch&gt;"';

export function heartRate(day: string, time: string, value: number): string {
  return ` <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Ana’s Apple Watch" ${WATCH} unit="count/min" creationDate="${day} ${time} -0500" startDate="${day} ${time} -0500" endDate="${day} ${time} -0500" value="${value}"/>\n`;
}

export function bloodPressure(day: string, time: string, sys: number, dia: number): string {
  const r = (type: string, v: number) =>
    `<Record type="HKQuantityTypeIdentifierBloodPressure${type}" sourceName="Cuff App" unit="mmHg" startDate="${day} ${time} -0500" endDate="${day} ${time} -0500" value="${v}"/>`;
  return (
    ` ${r('Systolic', sys)}\n ${r('Diastolic', dia)}\n` +
    ` <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Cuff App" startDate="${day} ${time} -0500" endDate="${day} ${time} -0500">\n  ${r('Systolic', sys)}\n  ${r('Diastolic', dia)}\n </Correlation>\n`
  );
}

export function workoutWithRoute(): string {
  return (
    ' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="20" durationUnit="min" sourceName="Ana’s Apple Watch" startDate="2026-02-01 07:00:00 -0500" endDate="2026-02-01 07:20:00 -0500">\n' +
    '  <WorkoutRoute sourceName="Ana’s iPhone" startDate="2026-02-01 07:00:00 -0500" endDate="2026-02-01 07:20:00 -0500">\n' +
    '   <Location date="2026-02-01 07:00:01 -0500" latitude="40.712776" longitude="-74.005974" altitude="10"/>\n' +
    '   <FileReference path="/workout-routes/route_2026-02-01_7.00am.gpx"/>\n' +
    '  </WorkoutRoute>\n </Workout>\n'
  );
}

export function clinicalRecord(file: string, fhirVersion: string, sourceName = 'Good Health Clinic'): string {
  return ` <ClinicalRecord type="Observation" identifier="x" sourceName="${sourceName}" sourceURL="https://fhir.example.org/${file}" fhirVersion="${fhirVersion}" receivedDate="2026-02-02 09:00:00 -0500" resourceFilePath="/clinical-records/${file}"/>\n`;
}

export function exportXml(body: string, birthDate = '1960-01-20'): string {
  return (
    `${DTD}<HealthData locale="en_US">\n <ExportDate value="2026-02-03 09:00:00 -0500"/>\n` +
    ` <Me HKCharacteristicTypeIdentifierDateOfBirth="${birthDate}" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet"/>\n` +
    `${body}</HealthData>\n`
  );
}

export const R4_OBSERVATION = {
  resourceType: 'Observation',
  id: 'a1c-1',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' }], text: 'Hemoglobin A1c' },
  effectiveDateTime: '2026-01-15T09:30:00-05:00',
  valueQuantity: { value: 6.1, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
};

export const DSTU2_MEDICATION_ORDER = {
  resourceType: 'MedicationOrder',
  id: 'med-1',
  status: 'active',
  dateWritten: '2025-11-02',
  medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '860975', display: 'Metformin 500 MG Oral Tablet' }], text: 'Metformin 500 mg tablet' },
  dosageInstruction: [{ text: 'Take 1 tablet by mouth twice a day' }],
};

/** An export.zip: `files` by name (text or JSON), plus the macOS junk a re-zip adds. */
export function exportZip(files: Record<string, string | object>): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) entries[name] = new TextEncoder().encode(typeof content === 'string' ? content : JSON.stringify(content));
  entries['__MACOSX/apple_health_export/._export.xml'] = new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]);
  entries['apple_health_export/.DS_Store'] = new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]);
  return new Uint8Array(zipSync(entries, { level: 6 }));
}
