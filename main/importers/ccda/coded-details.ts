// Coded details of a statement beyond its name: where on the body (targetSiteCode with its
// laterality qualifier; a vaccine's approachSiteCode), how it was done (methodCode), where the person went after a stay
// (sdtc:dischargeDispositionCode) and what a problem observation was recorded as (its code,
// C-CDA's Problem Type). Each is kept in the source's words with its codes.
import type { Code, EntryDetails } from '../../records/model.ts';
import { problemTypeOf } from '../../records/readable/problem-type.ts';
import { attr, child, children, type XmlNode } from '../xml/tree.ts';
import type { NarrativeIndex } from '../narrative/index.ts';
import { meaningful, readCoded } from './codes.ts';

const LATERALITY = '272741003';

/** A writer's "displayName" that is only a number ("113345001") names nothing. */
function words(text: string | undefined): string | undefined {
  const said = meaningful(text);
  return said && !/^\d+$/.test(said) ? said : undefined;
}

/** The laterality qualifier of a coded element ("Left"), as the source said it. */
function lateralityOf(node: XmlNode | undefined, index: NarrativeIndex): { text?: string; codes: Code[] } | undefined {
  for (const qualifier of children(node, 'qualifier')) {
    const name = child(qualifier, 'name');
    if (attr(name, 'code') !== LATERALITY && !/^laterality$/i.test(attr(name, 'displayName')?.trim() ?? '')) continue;
    const value = readCoded(child(qualifier, 'value'), index);
    const text = words(value.text) ?? value.codes[0]?.code;
    if (text) return { text, codes: value.codes };
  }
  return undefined;
}

function joined(list: readonly string[]): string | undefined {
  return list.length ? list.join('; ') : undefined;
}

/**
 * Where on the body: each targetSiteCode in its words with its laterality beside it
 * ("Structure of knee (Left)"); a laterality qualifying the statement's own code ("Total hip
 * replacement", Left) is a site of its own. A null-flavored site is none.
 */
export function bodySiteOf(statement: XmlNode, index: NarrativeIndex): Pick<EntryDetails, 'bodySite' | 'bodySiteCodes'> {
  return sitesOf(statement, 'targetSiteCode', index);
}

/**
 * Where a dose went in (a substance administration's approachSiteCode, "Left Arm"), kept in the
 * same body site detail as FHIR Immunization.site so both read and export alike.
 */
export function approachSiteOf(administration: XmlNode, index: NarrativeIndex): Pick<EntryDetails, 'bodySite' | 'bodySiteCodes'> {
  return sitesOf(administration, 'approachSiteCode', index);
}

function sitesOf(statement: XmlNode, element: 'targetSiteCode' | 'approachSiteCode', index: NarrativeIndex): Pick<EntryDetails, 'bodySite' | 'bodySiteCodes'> {
  const texts: string[] = [];
  const codes: Code[] = [];
  for (const site of children(statement, element)) {
    const coded = readCoded(site, index);
    const laterality = lateralityOf(site, index);
    const name = words(coded.text);
    codes.push(...coded.codes, ...(laterality?.codes ?? []));
    const text = name && laterality?.text ? `${name} (${laterality.text})` : (name ?? laterality?.text);
    if (text && !texts.includes(text)) texts.push(text);
  }
  // A laterality on the statement's own code names a target (a procedure's "Left"), not where a dose went in.
  const own = element === 'targetSiteCode' ? lateralityOf(child(statement, 'code'), index) : undefined;
  if (own?.text) {
    texts.push(own.text);
    codes.push(...own.codes);
  }
  const out: Pick<EntryDetails, 'bodySite' | 'bodySiteCodes'> = {};
  const bodySite = joined(texts);
  if (bodySite) out.bodySite = bodySite;
  if (codes.length) out.bodySiteCodes = codes;
  return out;
}

/** How a procedure was done: each methodCode in its words, with its codes. */
export function methodOf(statement: XmlNode, index: NarrativeIndex): Pick<EntryDetails, 'method' | 'methodCodes'> {
  const texts: string[] = [];
  const codes: Code[] = [];
  for (const method of children(statement, 'methodCode')) {
    const coded = readCoded(method, index);
    codes.push(...coded.codes);
    const text = words(coded.text);
    if (text && !texts.includes(text)) texts.push(text);
  }
  const out: Pick<EntryDetails, 'method' | 'methodCodes'> = {};
  const method = joined(texts);
  if (method) out.method = method;
  if (codes.length) out.methodCodes = codes;
  return out;
}

/** Where the person went after the stay (sdtc:dischargeDispositionCode). */
export function dischargeOf(encounter: XmlNode, index: NarrativeIndex): Pick<EntryDetails, 'dischargeDisposition' | 'dischargeDispositionCodes'> {
  const coded = readCoded(child(encounter, 'dischargeDispositionCode'), index);
  const out: Pick<EntryDetails, 'dischargeDisposition' | 'dischargeDispositionCodes'> = {};
  const text = words(coded.text);
  if (text) out.dischargeDisposition = text;
  if (coded.codes.length) out.dischargeDispositionCodes = coded.codes;
  return out;
}

/**
 * A problem observation's code, when it is one of C-CDA's Problem Types (in the code or a
 * translation): kept whole, as written. "ASSERTION" and codes outside the value sets say nothing
 * about what kind of problem it is.
 */
export function problemTypeCodesOf(observation: XmlNode, index: NarrativeIndex): Code[] {
  const codes = readCoded(child(observation, 'code'), index).codes;
  return codes.some((code) => problemTypeOf(code)) ? codes : [];
}
