// Health card issuers' keys and revocation lists the person kept (cardKeys.*), and the keys an
// import checks cards with: files chosen with the cards or lying beside them (jwks.json,
// *.crl), the kept ones, and, only when the person turned online lookups on, the key set the
// issuer publishes at `<iss>/.well-known/jwks.json` (fetched once, then kept like the others).
// Kept per vault: an issuer's public keys say nothing about a person and serve every profile.
import fs from 'node:fs';
import path from 'node:path';
import type { FileImportReport, KeptIssuerKeys, ParsedInputOf } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { isCrl, isJwks, publicPart, sameIssuer, type CardKeys, type Crl, type KeptIssuer } from '../importers/shc/index.ts';
import { createIssuerKeyFetcher, type IssuerKeyFetcher, type KeyFetchResult } from '../issuer-keys/fetch.ts';
import type { HealthCardCheck } from '../records/model.ts';
import type { VaultSession } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';
import { readSettings } from './settings.ts';

type FileInput = ParsedInputOf<'import.files'>['files'][number];

const SETTING = 'card-keys';
/** A key set or revocation list is a few kilobytes; anything larger is not one. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

export function keptIssuers(session: VaultSession): KeptIssuer[] {
  const raw = session.getSetting(SETTING);
  if (!raw) return [];
  const value = JSON.parse(raw) as { issuers?: KeptIssuer[] };
  return Array.isArray(value.issuers) ? value.issuers : [];
}

function store(session: VaultSession, issuers: KeptIssuer[]): void {
  session.setSetting(SETTING, JSON.stringify({ issuers }));
}

function view(issuers: readonly KeptIssuer[]): KeptIssuerKeys[] {
  return issuers.map((i) => ({
    issuer: i.issuer,
    keyIds: i.keys.map((k) => String(k['kid'] ?? '')),
    addedAt: i.addedAt ?? '',
    revocations: i.crls.map((c) => ({ kid: c.kid, ctr: c.ctr, rids: c.rids.length })),
    ...(i.fetched ? { fetchedFrom: i.fetched.url, fetchedAt: i.fetched.at, fetchedKeyIds: i.fetched.kids } : {}),
  }));
}

type KeyFile = { keys: Record<string, unknown>[] } | { crl: Crl } | undefined;

function keyFileOf(bytes: Uint8Array | undefined): KeyFile {
  if (!bytes || bytes.byteLength > MAX_KEY_FILE_BYTES) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (isJwks(value)) return { keys: value.keys.filter((k) => typeof k === 'object' && k !== null && k['kty'] === 'EC').map(publicPart) };
    if (isCrl(value)) return { crl: { kid: value.kid, ctr: value.ctr, rids: value.rids } };
  } catch {
    // Not JSON: not a key file.
  }
  return undefined;
}

function smallFile(file: string): Uint8Array | undefined {
  try {
    return fs.statSync(file).size <= MAX_KEY_FILE_BYTES ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

const KEY_FILE = /\.(json|crl)$/i;

/**
 * The keys an import checks health cards with: a key set or revocation list chosen with the
 * cards, a jwks.json and *.crl files in the folder of a chosen file, and the vault's kept keys.
 */
export function cardKeysFor(ctx: ApiContext, inputs: readonly FileInput[]): CardKeys {
  const session = ctx.requireSession();
  const keys: CardKeys = { file: [], fileCrls: [], kept: keptIssuers(session), fetched: [], online: readSettings(session).onlineLookups, unavailable: [] };
  const add = (found: KeyFile) => {
    if (found && 'keys' in found) keys.file.push(...found.keys);
    else if (found) keys.fileCrls.push(found.crl);
  };
  const folders = new Set<string>();
  for (const input of inputs) {
    if ('bytes' in input) {
      if (KEY_FILE.test(input.name)) add(keyFileOf(input.bytes));
      continue;
    }
    const resolved = ctx.platform.resolveFileToken(input.token);
    if (!resolved) continue;
    if (KEY_FILE.test(resolved)) add(keyFileOf(smallFile(resolved)));
    folders.add(path.dirname(resolved));
  }
  for (const folder of folders) {
    add(keyFileOf(smallFile(path.join(folder, 'jwks.json'))));
    let names: string[] = [];
    try {
      names = fs.readdirSync(folder).filter((n) => /\.crl(\.json)?$/i.test(n)).slice(0, 20);
    } catch {
      // An unreadable folder has no revocation lists for us.
    }
    for (const name of names) add(keyFileOf(smallFile(path.join(folder, name))));
  }
  return keys;
}

const FETCH_REFUSED: Record<Exclude<KeyFetchResult, { ok: true }>['reason'], string> = {
  'online-off': 'Online lookups are off, so Chartkeeper did not fetch the keys; turn them on in Settings first.',
  offline: 'The issuer’s keys could not be fetched: the computer is offline or could not reach the issuer; try again later.',
  timeout: 'The issuer’s keys could not be fetched: the issuer did not answer within 10 seconds; try again later.',
  refused: 'The issuer did not hand out its keys when asked; try again later, or keep a jwks.json file the issuer gives you.',
  'too-large': 'The issuer sent something far larger than a key set, so Chartkeeper stopped reading it and kept nothing.',
  malformed: 'The issuer sent something that is not a key set Chartkeeper can read, so nothing was kept.',
  'address-refused': 'Chartkeeper fetches keys only from an https:// address with a named host, so nothing was asked.',
};

/**
 * How long a kept key set stands before a card of its issuer has it fetched again (online
 * lookups on). SMART Health Cards sets no age, but an issuer adds a key at least yearly
 * ("Key Management": a card with an unknown `kid` fetches at once anyway), withdraws a
 * compromised key from its set "immediately" (verifiers must then reject its cards), and says
 * in the set (`crlVersion`) when a key's revocation list changed: a kept list is used only
 * while the counter has not changed. A day bounds how late a withdrawn key or a newly revoked
 * card is seen, while an issuer is asked at most once a day however many cards are imported.
 */
export const KEY_SET_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** One fetcher per API: its pause after a failure outlives one import. */
const fetchers = new WeakMap<ApiContext, IssuerKeyFetcher>();

function fetcherFor(ctx: ApiContext): IssuerKeyFetcher {
  let fetcher = fetchers.get(ctx);
  if (!fetcher) {
    fetcher = createIssuerKeyFetcher({
      fetch: ctx.platform.fetch,
      isOnlineAllowed: () => Boolean(ctx.session?.isOpen) && readSettings(ctx.session!).onlineLookups,
      now: () => ctx.platform.now().getTime(),
    });
    fetchers.set(ctx, fetcher);
  }
  return fetcher;
}

/**
 * Keeps keys fetched from an issuer's address, replacing kept keys of the same id. A key an
 * earlier fetch brought that the issuer no longer publishes is dropped: the specification has
 * an issuer withdraw a compromised key from its set, and its cards are then to be rejected.
 * Keys the person added from a file stay.
 */
function keepFetched(ctx: ApiContext, issuer: string, url: string, keys: readonly Record<string, unknown>[]): KeptIssuer[] {
  const session = ctx.requireSession();
  const issuers = keptIssuers(session);
  let entry = issuers.find((i) => sameIssuer(i.issuer, issuer));
  if (!entry) issuers.push((entry = { issuer, keys: [], crls: [], addedAt: ctx.nowIso() }));
  const kids = keys.map((k) => String(k['kid']));
  const withdrawn = (entry.fetched?.kids ?? []).filter((kid) => !kids.includes(kid));
  entry.keys = [...entry.keys.filter((k) => !kids.includes(String(k['kid'])) && !withdrawn.includes(String(k['kid']))), ...keys];
  entry.fetched = { url, at: ctx.nowIso(), kids };
  store(session, issuers);
  session.audit(ctx.platform.now(), 'cardKeys.fetch', undefined, `Fetched a health card issuer’s keys from ${url}`);
  return issuers;
}

/** Keeps a revocation list fetched from an issuer's address; a newer list (higher ctr) replaces the one kept for that key. */
function keepFetchedCrl(ctx: ApiContext, issuer: string, url: string, crl: Crl): void {
  const session = ctx.requireSession();
  const issuers = keptIssuers(session);
  let entry = issuers.find((i) => sameIssuer(i.issuer, issuer));
  if (!entry) issuers.push((entry = { issuer, keys: [], crls: [], addedAt: ctx.nowIso() }));
  const older = entry.crls.find((c) => c.kid === crl.kid);
  if (older && older.ctr > crl.ctr) return;
  entry.crls = [...entry.crls.filter((c) => c.kid !== crl.kid), crl];
  store(session, issuers);
  session.audit(ctx.platform.now(), 'cardKeys.fetch', undefined, `Fetched a health card revocation list from ${url}`);
}

/**
 * Whether the card's key at hand announces a revocation list (`crlVersion`, SMART Health Cards
 * "Revocation") newer than any list of that key at hand: the list is then to be fetched.
 */
function revocationListWanted(keys: CardKeys, issuer: string, kid: string): boolean {
  const entries = [...keys.kept, ...(keys.fetched ?? [])].filter((e) => sameIssuer(e.issuer, issuer));
  const versions = entries.flatMap((e) => e.keys).filter((k) => k['kid'] === kid).map((k) => k['crlVersion']);
  const version = versions.find((v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0);
  if (version === undefined) return false;
  return ![...entries.flatMap((e) => e.crls), ...keys.fileCrls].some((c) => c.kid === kid && c.ctr >= version);
}

/** Whether the issuer's kept key set is due to be fetched again (`KEY_SET_MAX_AGE_MS`). */
function keySetStale(entry: KeptIssuer | undefined, now: number): boolean {
  if (!entry) return false;
  const at = Date.parse(entry.fetched?.at ?? entry.addedAt ?? '');
  return !Number.isFinite(at) || now - at > KEY_SET_MAX_AGE_MS;
}

/**
 * Fetching for one import: after a file's first reading, the issuers of cards left unchecked
 * for want of a key (the card's `kid` is in no key at hand, kept ones included), and the
 * issuers of cards checked with a kept key set older than KEY_SET_MAX_AGE_MS, are asked for
 * their key set (once per issuer and import), which is kept in the vault; a failed refresh
 * keeps the old keys and the card says so. Then, for each card whose key announces a
 * revocation list (`crlVersion`) not at hand, that list (once per key and import), kept
 * likewise; a list that cannot be had is remembered with why. Returns whether anything was
 * learnt, so the file is read again with it. Nothing is asked when online lookups are off.
 */
export function issuerKeyLookup(ctx: ApiContext, keys: CardKeys): (checks: readonly HealthCardCheck[]) => Promise<boolean> {
  const asked = new Map<string, Promise<void>>();
  const ask = async (issuer: string): Promise<void> => {
    const result = await fetcherFor(ctx).fetchKeys(issuer);
    if (!result.ok) {
      keys.unavailable = [...(keys.unavailable ?? []), { issuer, reason: result.reason }];
      return;
    }
    const stored = keepFetched(ctx, issuer, result.url, result.keys).find((i) => sameIssuer(i.issuer, issuer))!;
    // The import's copy of kept keys follows the vault: a withdrawn key no longer checks a card.
    const at = keys.kept.findIndex((i) => sameIssuer(i.issuer, issuer));
    if (at >= 0) keys.kept[at] = stored;
    keys.fetched = [...(keys.fetched ?? []), { ...stored, keys: result.keys }];
  };
  const askedCrls = new Map<string, Promise<void>>();
  const askCrl = async (issuer: string, kid: string): Promise<void> => {
    const result = await fetcherFor(ctx).fetchCrl(issuer, kid);
    if (!result.ok) {
      keys.crlUnavailable = [...(keys.crlUnavailable ?? []), { issuer, kid, reason: result.reason }];
      return;
    }
    keepFetchedCrl(ctx, issuer, result.url, result.crl);
    // The import's copies of the issuer's keys take the list, so the file's next reading sees it.
    for (const entry of [...keys.kept, ...(keys.fetched ?? [])].filter((e) => sameIssuer(e.issuer, issuer))) {
      entry.crls = [...entry.crls.filter((c) => c.kid !== kid), result.crl];
    }
  };
  const wantsKeys = (check: HealthCardCheck): boolean => {
    if (check.signature === 'not-checked') return check.notChecked === 'no-key';
    return check.keyFrom === 'kept' && keySetStale(keys.kept.find((i) => sameIssuer(i.issuer, check.issuer)), ctx.platform.now().getTime());
  };
  return async (checks) => {
    if (!keys.online) return false;
    let changed = false;
    for (const check of checks.filter(wantsKeys)) {
      // Cards of one issuer in several files of this import share one request.
      const known = [...asked.keys()].find((i) => sameIssuer(i, check.issuer));
      await (known ? asked.get(known)! : asked.set(check.issuer, ask(check.issuer)).get(check.issuer)!);
      changed = true;
    }
    // An altered card's revocation does not matter; every other card whose key is at hand may be listed.
    for (const check of checks) {
      if (check.signature === 'invalid' || check.keyId === undefined || !revocationListWanted(keys, check.issuer, check.keyId)) continue;
      const id = `${check.issuer.replace(/\/+$/, '')} ${check.keyId}`;
      if (!askedCrls.has(id)) askedCrls.set(id, askCrl(check.issuer, check.keyId));
      await askedCrls.get(id);
      changed = true;
    }
    return changed;
  };
}

/** A revocation list or key file chosen with the cards is not a record: said so without alarm. */
export function keyFileReport(name: string, bytes: Uint8Array): FileImportReport | undefined {
  const found = keyFileOf(bytes);
  if (!found || 'keys' in found) return undefined;
  return { file: name, errorKind: 'unreadable-file', error: 'This file is a health card revocation list, not records; it is used to check health cards imported with it.' };
}

function readChosen(ctx: ApiContext, file: FileInput): Uint8Array {
  if ('bytes' in file) return file.bytes;
  const resolved = ctx.platform.resolveFileToken(file.token);
  if (!resolved) throw new AppError('not-found', 'That file is no longer available; choose it again.');
  const bytes = smallFile(resolved);
  if (!bytes) throw new AppError('unreadable-file', 'That file could not be read, or is far larger than a key file.');
  return bytes;
}

export function cardKeyHandlers(ctx: ApiContext): HandlerModule {
  return {
    'cardKeys.list': () => view(keptIssuers(ctx.requireSession())),
    'cardKeys.add': ({ issuer, file, keys }) => {
      const session = ctx.requireSession();
      const found: KeyFile = keys ? { keys: keys.filter((k) => k['kty'] === 'EC').map(publicPart) } : keyFileOf(readChosen(ctx, file!));
      if (!found || ('keys' in found && found.keys.length === 0)) {
        throw new AppError('unreadable-file', 'That file is neither an issuer’s key set (jwks.json) nor a health card revocation list.');
      }
      const issuers = keptIssuers(session);
      let entry = issuers.find((i) => sameIssuer(i.issuer, issuer));
      if (!entry) issuers.push((entry = { issuer, keys: [], crls: [], addedAt: ctx.nowIso() }));
      if ('keys' in found) {
        for (const key of found.keys) {
          entry.keys = entry.keys.filter((k) => k['kid'] !== key['kid']);
          entry.keys.push(key);
        }
      } else {
        // A newer list (a higher ctr) replaces the one kept for that key.
        const older = entry.crls.find((c) => c.kid === found.crl.kid);
        if (!older || older.ctr <= found.crl.ctr) entry.crls = [...entry.crls.filter((c) => c.kid !== found.crl.kid), found.crl];
      }
      store(session, issuers);
      session.audit(ctx.platform.now(), 'cardKeys.add', undefined, 'keys' in found ? 'Kept a health card issuer’s keys' : 'Kept a health card revocation list');
      return view(issuers);
    },
    'cardKeys.fetch': async ({ issuer }) => {
      ctx.requireSession();
      const result = await fetcherFor(ctx).fetchKeys(issuer);
      if (!result.ok) throw new AppError(result.reason === 'online-off' ? 'unavailable' : 'offline', FETCH_REFUSED[result.reason]);
      return view(keepFetched(ctx, issuer, result.url, result.keys));
    },
    'cardKeys.remove': ({ issuer }) => {
      const session = ctx.requireSession();
      const issuers = keptIssuers(session);
      const left = issuers.filter((i) => !sameIssuer(i.issuer, issuer));
      if (left.length === issuers.length) throw new AppError('not-found', 'No keys are kept for that issuer.');
      store(session, left);
      return view(left);
    },
  };
}
