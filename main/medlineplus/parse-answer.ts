// Reads a MedlinePlus Connect JSON answer (the Atom feed mapped to JSON: attributes become
// keys, element text becomes `_value`) into education topics. Tolerates the 2014–2016 shape
// (entry `lang`, link `title`/`type`, `InformationRecipient`, OID echoes, old nlm.nih.gov
// links) and absent or extra fields. Never throws: a body that is not a feed is an error.
import type { NarrativeNode } from '../records/model.ts';
import type { EducationLanguage } from './endpoint.ts';
import { normalizeEducationUrl } from './safe-url.ts';
import { sanitizeEducationHtml } from './sanitize-html.ts';

export interface EducationTopic {
  title: string;
  /** An https MedlinePlus page (checked by isAllowedEducationUrl), tracking parameters removed. */
  url: string;
  /** The summary, sanitized. */
  summary: NarrativeNode[];
  /** Who wrote the page, when MedlinePlus credits someone ("NIH: National Cancer Institute"). */
  source?: string;
  /** The language asked for (the feed's own `lang` is not reliable for Spanish). */
  language: EducationLanguage;
}

export type ParsedAnswer =
  | { ok: true; topics: EducationTopic[] }
  | { ok: false; reason: string };

/** Answers are a few kilobytes; anything this large is not a Connect answer. */
export const MAX_ANSWER_LENGTH = 2_000_000;
const MAX_TITLE_LENGTH = 300;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ "_value": "x" }` in the JSON mapping; a bare string in some client re-encodings. */
function textOf(value: Json): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value._value === 'string') return value._value;
  return undefined;
}

function asArray(value: Json): Json[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

function entryUrl(links: Json): string | undefined {
  const candidates = asArray(links).filter(isObject);
  const ordered = [
    ...candidates.filter((link) => link.rel === 'alternate' || link.rel === undefined),
    ...candidates.filter((link) => link.rel !== 'alternate' && link.rel !== undefined),
  ];
  for (const link of ordered) {
    const href = typeof link.href === 'string' ? link.href : undefined;
    const url = href ? normalizeEducationUrl(href) : undefined;
    if (url) return url;
  }
  return undefined;
}

function entryTopic(entry: Json, language: EducationLanguage): EducationTopic | undefined {
  if (!isObject(entry)) return undefined;
  const title = textOf(entry.title)?.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
  // An entry that does not lead to a MedlinePlus page is not shown: its link is the point.
  const url = entryUrl(entry.link);
  if (!title || !url) return undefined;
  const { nodes, attribution } = sanitizeEducationHtml(textOf(entry.summary) ?? '');
  const topic: EducationTopic = { title, url, summary: nodes, language };
  if (attribution) topic.source = attribution;
  return topic;
}

export function parseConnectAnswer(body: string, language: EducationLanguage): ParsedAnswer {
  if (body.length > MAX_ANSWER_LENGTH) return { ok: false, reason: 'The answer is too large.' };
  let json: Json;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'The answer is not JSON.' };
  }
  if (!isObject(json) || !isObject(json.feed)) return { ok: false, reason: 'The answer has no feed.' };
  const entries = json.feed.entry;
  if (entries !== undefined && !Array.isArray(entries) && !isObject(entries)) {
    return { ok: false, reason: 'The feed entries are not a list.' };
  }
  const topics: EducationTopic[] = [];
  const seen = new Set<string>();
  for (const entry of asArray(entries)) {
    const topic = entryTopic(entry, language);
    if (topic && !seen.has(topic.url)) {
      seen.add(topic.url);
      topics.push(topic);
    }
  }
  return { ok: true, topics };
}
