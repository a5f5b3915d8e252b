// The FHIR extensions Chartkeeper reads and writes: an allergy's reaction's (the openEHR ones and
// FHIR's own duration and certainty) and Epic's next dose due on an Immunization. The importer
// and the export use one list, so what is written is what is read back.
export const OPENEHR_EXPOSURE_DESCRIPTION = 'http://hl7.org/fhir/StructureDefinition/openEHR-exposureDescription';
export const OPENEHR_MANAGEMENT = 'http://hl7.org/fhir/StructureDefinition/openEHR-management';
export const OPENEHR_LOCATION = 'http://hl7.org/fhir/StructureDefinition/openEHR-location';
export const OPENEHR_EXPOSURE_DATE = 'http://hl7.org/fhir/StructureDefinition/openEHR-exposureDate';
export const OPENEHR_EXPOSURE_DURATION = 'http://hl7.org/fhir/StructureDefinition/openEHR-exposureDuration';
export const REACTION_DURATION = 'http://hl7.org/fhir/StructureDefinition/allergyintolerance-duration';
export const REACTION_CERTAINTY = 'http://hl7.org/fhir/StructureDefinition/allergyintolerance-certainty';
/** FHIR's reaction-event-certainty: unlikely, likely, confirmed, unknown. */
export const CERTAINTY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/reaction-event-certainty';
/** Epic's date the next dose of a vaccine is due, as the source's own forecast (valueDate). */
export const EPIC_NEXT_DUE_DATE = 'http://open.epic.com/FHIR/StructureDefinition/extension/next-due-date';
