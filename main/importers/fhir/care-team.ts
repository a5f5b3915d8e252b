// FHIR CareTeam → a section of the imported document: the team's participants (name, role,
// organisation, period) as the source gave them. Not an entry: a care team is who looks after
// the person, not a fact about their health, and Chartkeeper keeps no directory of clinicians;
// the Documents screen shows it with the file, as C-CDA sections and Medicare's provider lists
// are shown. Only the source's words are written (no labels), so the section reads the same in
// every language; its title is Chartkeeper's "Care team", said in the reader's language.
import type { DocumentSection, NarrativeNode } from '../../records/model.ts';
import { conceptText } from './codes.ts';
import type { FhirContext } from './context.ts';
import { periodOf, referenceName } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';

export const CARE_TEAM_TITLE = 'Care team';

function periodText(value: unknown): string | undefined {
  const { start, end } = periodOf(value);
  if (!start && !end) return undefined;
  return `${start ?? '…'} – ${end ?? '…'}`;
}

function words(parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p?.trim()).join(' · ');
}

/** One participant: "Kathy Fielding, MD (Primary care provider) · Riverside Clinic · 2020-01-01 – …". */
function participantLine(ctx: FhirContext, participant: JsonObject, team: JsonObject): string {
  const name = referenceName(ctx, participant['member'], team);
  const roles = arr(participant['role']).map(conceptText).filter(Boolean).join(', ');
  const who = name ? (roles ? `${name} (${roles})` : name) : roles;
  return words([who, referenceName(ctx, participant['onBehalfOf'], team), periodText(participant['period'])]);
}

export function careTeamSection(team: JsonObject, ctx: FhirContext): DocumentSection | undefined {
  const participants = arr(team['participant'])
    .map(obj)
    .filter((p): p is JsonObject => !!p)
    .map((p) => participantLine(ctx, p, team))
    .filter(Boolean);
  const about = words([
    str(team['status']),
    periodText(team['period']),
    ...arr(team['managingOrganization']).map((o) => referenceName(ctx, o, team)),
    ...arr(team['reasonCode']).map(conceptText),
    ...arr(team['category']).map(conceptText),
  ]);
  const name = str(team['name']);
  // A status alone says nothing of who looks after the person: such a team is reported as not read.
  if (participants.length === 0 && !name && about === (str(team['status']) ?? '')) return undefined;
  const narrative: NarrativeNode[] = [];
  if (about) narrative.push({ tag: 'paragraph', children: [about] });
  if (participants.length) narrative.push({ tag: 'list', children: participants.map((line) => ({ tag: 'item', children: [line] })) });
  return { title: name ? `${CARE_TEAM_TITLE}: ${name}` : CARE_TEAM_TITLE, narrative };
}
