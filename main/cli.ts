// The command line: the same main/api the app uses, driven from a terminal or a script.
// Exit codes: 0 ok, 1 a user error (one line on stderr), 2 a usage error.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AppleHealthImport, Channel, CsvMapping, FileImportReport, HealthCardCheck, HealthCardKeysMissing, InputOf, OutputOf, PrefetchProgress, Profile, Result } from '../preload/contract.ts';
// The API (with the contract's schemas and the importers) and the summary builder load only
// when a command needs them: `--help` and usage errors load nothing else.
import type { Api, Platform } from './api/index.ts';
import { refreshWords, revocationWords } from './records/readable/card-check.ts';
import { GLUCOSE_UNITS } from './records/readable/units.ts';
import { isGlucose, notSoValue, notSoWords, readableQuantity } from './records/readable/index.ts';
import type { Code, Quantity } from './records/model.ts';

const USAGE = `Usage: chartkeeper <command> [options]

Commands:
  vault create                       create a vault in --vault DIR
  vault passphrase                   change the passphrase (new one from CHARTKEEPER_NEW_PASSPHRASE or a prompt)
  profile add NAME --birth-date YYYY-MM-DD [--sex S] [--colour #RRGGBB]
  profile list [--check]  (--check: authenticate every file first and name a damaged one)
  profile rename NAME NEW-NAME
  profile delete NAME --confirm NAME
  profile share NAME --out FILE [--by YOUR-NAME]
                                      a copy for another caregiver (their passphrase from
                                      CHARTKEEPER_SHARE_PASSPHRASE or a prompt)
  profile receive FILE [--into NAME] [--force]
                                      add a shared copy as a new profile, or merge it into NAME
  profile contacts NAME [--add "NAME|RELATION|PHONE"]... [--remove N]
                                      the emergency contacts printed on the card (N: as listed)
  import FILE... --profile NAME [--force] [--recognise] [--mapping NAME|FILE.json] [--every-sample]
                                      (a PDF, JPEG, PNG, HEIC or TIFF is kept as a document;
                                      --recognise: find the words in its pictures and scanned
                                      pages now, on this computer, and wait for it)
                                      --mapping: read CSVs of an unknown layout with a saved column
                                      mapping or one in a JSON file; --every-sample: keep every
                                      glucose sensor reading (and Apple Health sample) instead of daily summaries
  mapping list | mapping save FILE.json [--replace] | mapping delete NAME
  mapping preview FILE --mapping NAME|FILE.json [--limit N]   the first lines as they would be stored
  reading add --profile NAME --measure M --value V --unit U --date D [--low N] [--high N] [--note T]
  reading add --profile NAME --title TEST --value V [--unit U] --date D [--low N] [--high N] [--note T]
                                      a reading or a lab result typed in by hand
  reading measures                    the measures --measure names, with their units
  card-keys list | card-keys add FILE --issuer URL | card-keys remove URL | card-keys fetch URL
                                      health card issuers' keys (jwks.json) and revocation lists kept;
                                      fetch asks URL/.well-known/jwks.json (online lookups on only)
  timeline --profile NAME [--kind K,...] [--from D] [--to D] [--limit N] [--show-hidden] [--details]
  search TEXT --profile NAME          (entries, and pages of kept documents)
  documents list --profile NAME
  documents export ID|--all --profile NAME --out DIR [--keep-location]
                                      the files of kept documents as they were given (where a
                                      photo was taken left out unless --keep-location)
  statement add ENTRY-ID no-longer|still|wrong|hidden --profile NAME [--note TEXT] [--date YYYY-MM-DD]
  statement correct ENTRY-ID --profile NAME [--title T] [--start D] [--end D] [--dose T] [--frequency T] [--instructions T] [--severity T] [--as-needed yes|no] [--as-needed-for T] [--note TEXT]
  statement withdraw STATEMENT-ID --profile NAME   (ids: timeline --json, and the statement's answer)
  notes add TEXT --profile NAME [--for-clinician]  (--for-clinician: printed on every visit summary)
  export --profile NAME (--fhir FILE | --ips FILE | --originals FILE) [--language en|es]  (--ips: an International Patient Summary)
  summary --profile NAME --pdf FILE [--sections a,b,...] [--language en|es] [--paper Letter|A4] [--prepared-by NAME]
                                      [--leave-out ID,...] [--as-last-time]  (leave items out, as the screen can)
  summary --items --profile NAME [--language en|es]  (each item the summary would print, with its id)
  summary --card --profile NAME --pdf FILE [--layout page|wallet] [--language en|es] [--paper Letter|A4]
                                      (the emergency card: one page, or wallet cards to cut out and fold)
  backup --out FILE [--profile NAME]  (backup passphrase from CHARTKEEPER_BACKUP_PASSPHRASE or a prompt)
  restore FILE                        (backup passphrase as for backup)
  settings set online-lookups on|off
  settings set units us|metric        (weights, temperatures, heights: lb/°F/in or kg/°C/cm)
  settings set glucose mg/dL|mmol/L|auto   (glucose from labs, meters and sensors; auto: as most readings)
  education --profile NAME [--prefetch] [--language en,es]
  immunizations --profile NAME        what is due, from the profile's immunizations
  immunizations forecast --input FILE  (a JSON history; no vault needed)

Options:
  --vault DIR   the vault folder (default: ${defaultVaultDir()})
  --json        machine-readable output
The vault passphrase comes from the CHARTKEEPER_PASSPHRASE environment variable or a prompt, never an argument.`;

/** The most files one import.files request takes (preload/contract.ts). */
const MAX_IMPORT_FILES = 200;

class UsageError extends Error {}
class UserError extends Error {}

function defaultVaultDir(): string {
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Chartkeeper', 'vault');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? home, 'Chartkeeper', 'vault');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Chartkeeper', 'vault');
}

/** Reads a secret from the environment, else from the terminal without echo, else one stdin line. */
async function readSecret(envName: string, prompt: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    const line = fs.readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
    if (!line) throw new UserError(`Set ${envName} or type the passphrase when asked.`);
    return line;
  }
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  return await new Promise<string>((resolve, reject) => {
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new UserError('Cancelled.'));
          return;
        }
        value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

interface CliPlatformState {
  savePath: string | null;
  tokens: Map<string, string>;
}

function cliPlatform(vaultDir: string, state: CliPlatformState): Platform {
  return {
    vaultDir,
    resolveFileToken: (token) => state.tokens.get(token),
    openFiles: async () => [],
    chooseSavePath: async () => state.savePath,
    // The command line takes its folder from --vault, so there is nothing to choose or remember.
    chooseVaultFolder: async () => null,
    rememberVaultFolder: () => {},
    renderPdf: async (html, paper, language) => {
      const { renderPdfWithChromium } = await import('./summary/pdf.ts');
      return renderPdfWithChromium(html, paper, language);
    },
    print: async () => {
      throw new UserError('Printing needs the Chartkeeper app; use `summary --pdf FILE` here.');
    },
    fetch: globalThis.fetch,
    now: () => new Date(),
  };
}

function tokenFor(state: CliPlatformState, file: string): string {
  const token = crypto.randomBytes(16).toString('hex');
  state.tokens.set(token, path.resolve(file));
  return token;
}

async function call<C extends Channel>(api: Api, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = (await api.invoke(channel, input)) as Result<OutputOf<C>>;
  if (!result.ok) throw new UserError(result.error.message);
  return result.value;
}

const OPTIONS = {
  vault: { type: 'string' },
  json: { type: 'boolean', default: false },
  profile: { type: 'string' },
  'birth-date': { type: 'string' },
  sex: { type: 'string' },
  colour: { type: 'string' },
  confirm: { type: 'string' },
  force: { type: 'boolean', default: false },
  'every-sample': { type: 'boolean', default: false },
  kind: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  fhir: { type: 'string' },
  ips: { type: 'string' },
  originals: { type: 'string' },
  pdf: { type: 'string' },
  sections: { type: 'string' },
  language: { type: 'string' },
  paper: { type: 'string' },
  'prepared-by': { type: 'string' },
  'leave-out': { type: 'string' },
  'as-last-time': { type: 'boolean', default: false },
  items: { type: 'boolean', default: false },
  card: { type: 'boolean', default: false },
  into: { type: 'string' },
  by: { type: 'string' },
  layout: { type: 'string' },
  'for-clinician': { type: 'boolean', default: false },
  out: { type: 'string' },
  prefetch: { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
  input: { type: 'string' },
  'show-hidden': { type: 'boolean', default: false },
  details: { type: 'boolean', default: false },
  recognise: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  'keep-location': { type: 'boolean', default: false },
  note: { type: 'string' },
  date: { type: 'string' },
  title: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  dose: { type: 'string' },
  frequency: { type: 'string' },
  instructions: { type: 'string' },
  severity: { type: 'string' },
  'as-needed': { type: 'string' },
  'as-needed-for': { type: 'string' },
  add: { type: 'string', multiple: true },
  remove: { type: 'string' },
  mapping: { type: 'string' },
  replace: { type: 'boolean', default: false },
  measure: { type: 'string' },
  value: { type: 'string' },
  unit: { type: 'string' },
  low: { type: 'string' },
  high: { type: 'string' },
  issuer: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

interface Run {
  api: Api;
  state: CliPlatformState;
  values: Values;
  args: string[];
  json: boolean;
  vaultDir: string;
  out: (human: string, json: unknown) => void;
}

async function unlock(run: Run): Promise<string> {
  const passphrase = await readSecret('CHARTKEEPER_PASSPHRASE', 'Vault passphrase: ');
  await call(run.api, 'vault.unlock', { passphrase });
  // A profile opened for the first time since an update may need its file updated first: a
  // minute on a very large one, with nothing else on the screen to say why.
  const session = run.api.context.session;
  if (session) {
    session.onProfileUpdate = (profile) => {
      process.stderr.write(`Updating ${profile.name}'s records for this version of Chartkeeper; this can take a minute on a large profile. Do not stop it: if it is stopped, the records stay as they were and the update runs again next time.\n`);
    };
  }
  return passphrase;
}

async function profileNamed(run: Run): Promise<Profile> {
  const name = run.values.profile;
  if (!name) throw new UsageError('Name the profile with --profile NAME.');
  const profiles = await call(run.api, 'profiles.list', {});
  const wanted = name.trim().toLocaleLowerCase();
  const found = profiles.find((p) => p.name.toLocaleLowerCase() === wanted);
  if (!found) throw new UserError(`There is no profile named "${name}" in this vault.`);
  return found;
}

/** Today on this computer's calendar (YYYY-MM-DD), the day a note is written. */
function localDay(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A search bounded to the matches added last (timeline.ts rankedSearch) says so. */
function newestOnlySentence(ranked: number): string {
  return `Many entries match: only the ${ranked.toLocaleString('en-US')} added most recently were ranked. Add a word to narrow the search.`;
}

/**
 * Values as the app's screens read them: weights, temperatures and heights in the unit system
 * chosen, glucose (by its code) in the glucose unit chosen, and beside a converted value what
 * the source wrote ("5.6 mmol/L (recorded as 101 mg/dL)", as an entry's details say it).
 */
async function valueReader(run: Run): Promise<(q: Quantity | undefined, codes: readonly Code[] | undefined, stored?: string) => string> {
  const settings = await call(run.api, 'settings.get', {});
  const options = { locale: 'en-US', units: settings.units, glucose: settings.glucoseUnit };
  return (q, codes, stored) => {
    const read = readableQuantity(q, options, { glucose: isGlucose(codes) });
    if (!read) return stored ?? '';
    return read.asWritten ? `${read.text} (recorded as ${read.asWritten})` : read.text;
  };
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(what);
  return value;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`Could not read ${file}.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UserError(`${file} is not valid JSON.`);
  }
}

function forecastLines(forecast: OutputOf<'immunizations.forecast'>): string[] {
  return [
    `Calculated with CDC's schedule (supporting data ${forecast.supportingData}). Records may be incomplete; check with your clinician.`,
    ...forecast.groups.map((g) =>
      [g.group, g.status, g.doseNumber ? `dose ${g.doseNumber}` : '', g.earliest ? `from ${g.earliest}` : '', g.pastDue ? `overdue after ${g.pastDue}` : '']
        .filter(Boolean)
        .join('  '),
    ),
  ];
}

const STATEMENT_KINDS = ['no-longer', 'still', 'wrong', 'hidden'] as const;
const CORRECTION_OPTIONS = ['title', 'start', 'end', 'dose', 'frequency', 'instructions', 'severity', 'as-needed', 'as-needed-for'] as const;
/** The correction's field of each option (`--as-needed-for` → asNeededFor). */
const correctionField = (option: string) => option.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function positiveId(text: string | undefined, usage: string): number {
  const id = Number(need(text, usage));
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(usage);
  return id;
}

/** "Ana Ruiz|Daughter|+1 555 0100" or "Ana Ruiz|+1 555 0100": the contract checks each part. */
function contactFromArgument(text: string): { name: string; relation?: string; phone: string } {
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length === 2) return { name: parts[0]!, phone: parts[1]! };
  if (parts.length === 3) return { name: parts[0]!, ...(parts[1] ? { relation: parts[1] } : {}), phone: parts[2]! };
  throw new UsageError(`Write a contact as "NAME|RELATION|PHONE" (or "NAME|PHONE"), not "${text}".`);
}

function contactLines(profileName: string, contacts: readonly { name: string; relation?: string; phone: string }[]): string {
  if (contacts.length === 0) return `${profileName} has no emergency contacts.`;
  return [`Emergency contacts of ${profileName}:`, ...contacts.map((c, i) => `  ${i + 1}. ${c.name}${c.relation ? ` (${c.relation})` : ''}: ${c.phone}`)].join('\n');
}

/** "You said on 2026-12-06 about "Metformin …": no-longer (statement 4)." */
function describeStatement(entry: OutputOf<'statements.add'>, kind: string): string {
  const newest = [...(entry.personal ?? [])].filter((s) => s.kind === kind).sort((a, b) => b.id - a.id)[0];
  if (!newest) return `Saved for "${entry.title}".`;
  return `You said on ${newest.date} about "${entry.title}": ${kind} (statement ${newest.id}; withdraw it with statement withdraw ${newest.id}).`;
}

/** A saved mapping by name, or the mapping in a JSON file (checked by the contract when sent). */
async function mappingOf(run: Run, nameOrFile: string): Promise<CsvMapping> {
  if (/\.json$/i.test(nameOrFile) && fs.existsSync(nameOrFile)) return readJsonFile(nameOrFile) as CsvMapping;
  const saved = await call(run.api, 'csv.mappings', {});
  const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const found = saved.find((m) => key(m.name) === key(nameOrFile));
  if (!found) throw new UserError(`No mapping named "${nameOrFile}" is saved (mapping list shows them), and it is not a JSON file.`);
  return found;
}

function parseNumber(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(text.trim())) throw new UsageError(`Write ${what} as a number with a point for decimals, like 72.5.`);
  return Number(text);
}

const SIGNATURE_WORDS = { verified: 'signature valid', 'not-checked': 'signature not checked', invalid: 'signature does not match: possibly altered', revoked: 'revoked by its issuer' } as const;

/** Why a card's signature was not checked, and what the person can do. */
const NOT_CHECKED_WORDS: Record<HealthCardKeysMissing, string> = {
  'no-key': 'no key of the issuer at hand; import its jwks.json with the card',
  'online-off': 'no key of the issuer at hand, and online lookups are off, so none was fetched; "settings set online-lookups on" lets Chartkeeper fetch it, or import the issuer\'s jwks.json with the card',
  offline: 'the issuer\'s keys could not be fetched (the computer is offline or could not reach the issuer); import the card again later',
  timeout: 'the issuer\'s keys could not be fetched (the issuer did not answer within 10 seconds); import the card again later',
  'too-large': 'the issuer sent something far larger than a key set, so Chartkeeper stopped reading it',
  refused: 'the issuer did not hand out its keys; import its jwks.json with the card if you have it',
  malformed: 'the issuer sent no key set Chartkeeper can read',
  'address-refused': 'the issuer\'s address is not an https:// address of a named host, so no keys were fetched from it',
  'no-such-key': 'the issuer\'s published keys do not include the key that signed this card',
  'not-es256': 'the card is not signed with ES256, the algorithm SMART Health Cards use',
};

function withRefresh(words: string, c: HealthCardCheck): string {
  const refresh = refreshWords(c);
  return refresh ? `${words}. ${refresh.replace(/\.$/, '')}` : words;
}

/** A card's signature state, the key that checked it and where that key came from. */
function cardWords(c: HealthCardCheck): string {
  const key = c.keyId ? `key ${c.keyId}` : 'a key';
  const from =
    c.keyFrom === 'fetched'
      ? `${key} fetched from ${c.keyUrl ?? 'the issuer'}`
      : c.keyFrom === 'kept'
        ? `${key} kept in Chartkeeper${c.keyUrl ? `, fetched from ${c.keyUrl} on ${c.keyFetchedAt?.slice(0, 10) ?? 'an earlier day'}` : ''}`
        : `${key} from the key file beside the card`;
  switch (c.signature) {
    case 'not-checked':
      return `${SIGNATURE_WORDS[c.signature]}: ${NOT_CHECKED_WORDS[c.notChecked ?? 'no-key']}`;
    case 'verified':
      return withRefresh(`${SIGNATURE_WORDS[c.signature]}, checked with ${from} (${revocationWords(c)})`, c);
    default:
      return withRefresh(`${SIGNATURE_WORDS[c.signature]} (${from})`, c);
  }
}

const COMMANDS: Record<string, (run: Run) => Promise<number | void>> = {
  async 'mapping list'(run) {
    await unlock(run);
    const mappings = await call(run.api, 'csv.mappings', {});
    run.out(mappings.map((m) => `${m.name}\t${m.header.join(m.delimiter === '\t' ? ' | ' : m.delimiter)}`).join('\n') || 'No column mappings saved yet.', mappings);
  },
  async 'mapping save'(run) {
    const file = need(run.args[0], 'Give the JSON file of the mapping: mapping save FILE.json.');
    await unlock(run);
    const mappings = await call(run.api, 'csv.saveMapping', { mapping: readJsonFile(file) as CsvMapping, replace: run.values.replace });
    run.out(`Saved the mapping "${mappings.at(-1)!.name}".`, mappings);
  },
  async 'mapping delete'(run) {
    const name = need(run.args.join(' ').trim(), 'Give the name of the mapping: mapping delete NAME.');
    await unlock(run);
    const mappings = await call(run.api, 'csv.deleteMapping', { name });
    run.out(`Deleted the mapping "${name}".`, mappings);
  },
  async 'mapping preview'(run) {
    const file = need(run.args[0], 'Give the CSV file: mapping preview FILE --mapping NAME|FILE.json.');
    const chosen = need(run.values.mapping, 'Give the mapping with --mapping NAME or --mapping FILE.json.');
    await unlock(run);
    const mapping = await mappingOf(run, chosen);
    const limit = run.values.limit ? Number(run.values.limit) : 12;
    const preview = await call(run.api, 'csv.preview', { file: { token: tokenFor(run.state, file) }, mapping, limit });
    const lines = preview.rows.map((r) =>
      r.refused ? `line ${r.line}: ${r.refused}` : `line ${r.line}: ${r.readings.map((x) => `${x.title} ${x.value} ${x.unit} at ${x.date}`).join('; ')}${r.check ? ` (${r.check})` : ''}`,
    );
    run.out([...lines, `${preview.total} lines in the file.`].join('\n'), preview);
  },
  async 'reading measures'(run) {
    const { MEASURES } = await import('./records/readable/measures.ts');
    run.out(MEASURES.map((m) => `${m.id}\t${m.title}\tLOINC ${m.code.code}\t${m.units.map((u) => u.ucum).join(', ')}`).join('\n'), MEASURES);
  },
  async 'reading add'(run) {
    const { MEASURE_IDS, MEASURES } = await import('./records/readable/measures.ts');
    const measureId = run.values.measure;
    const title = run.values.title;
    if (!measureId === !title) throw new UsageError(`Name what was measured with --measure (${MEASURE_IDS.join(', ')}) or a lab test with --title TEST.`);
    const value = parseNumber(need(run.values.value, 'Give the value with --value V.'), 'the value')!;
    const date = need(run.values.date, 'Give the date (and time) with --date YYYY-MM-DD[THH:MM].');
    const measure = measureId ? MEASURES.find((m) => m.id === measureId) : undefined;
    if (measureId && !measure) throw new UsageError(`--measure is one of ${MEASURE_IDS.join(', ')}.`);
    const unit = measure ? need(run.values.unit, `Give the unit with --unit (${measure.units.map((u) => u.ucum).join(', ')}).`) : (run.values.unit ?? '');
    const low = parseNumber(run.values.low, '--low');
    const high = parseNumber(run.values.high, '--high');
    await unlock(run);
    const profile = await profileNamed(run);
    const saved = await call(run.api, 'records.save', {
      profileId: profile.id,
      entry: {
        kind: measure?.kind ?? 'result',
        title: measure?.title ?? title!,
        codes: measure ? [measure.code] : [],
        start: date,
        value: { number: value, text: run.values.value!.trim(), unit },
        ...(low !== undefined || high !== undefined ? { referenceRange: { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}), ...(unit ? { unit } : {}) } } : {}),
        details: run.values.note ? { comment: run.values.note } : {},
      },
    });
    const read = await valueReader(run);
    run.out(`Added ${saved.title} ${read(saved.value, saved.codes)} on ${saved.start} to ${profile.name}'s record (entry ${saved.id}).`, saved);
  },
  async 'card-keys list'(run) {
    await unlock(run);
    const kept = await call(run.api, 'cardKeys.list', {});
    run.out(
      kept
        .map((k) => {
          const fetched = k.fetchedFrom ? `\tfetched from ${k.fetchedFrom} on ${k.fetchedAt?.slice(0, 10) ?? ''}` : '';
          const lists = k.revocations.length ? `\trevocation lists: ${k.revocations.map((r) => `${r.kid} (${r.rids} revoked)`).join(', ')}` : '';
          return `${k.issuer}\tkeys ${k.keyIds.join(', ')}${fetched}${lists}`;
        })
        .join('\n') || 'No health card keys kept yet.',
      kept,
    );
  },
  async 'card-keys fetch'(run) {
    const issuer = need(run.args[0], 'Give the issuer the cards name: card-keys fetch https://….');
    await unlock(run);
    const kept = await call(run.api, 'cardKeys.fetch', { issuer });
    const entry = kept.find((k) => k.issuer.replace(/\/+$/, '') === issuer.replace(/\/+$/, ''));
    run.out(`Fetched and kept for ${issuer}: keys ${entry?.fetchedKeyIds?.join(', ') ?? ''} from ${entry?.fetchedFrom ?? ''}.`, kept);
  },
  async 'card-keys add'(run) {
    const file = need(run.args[0], 'Give the key file: card-keys add jwks.json --issuer URL.');
    const issuer = need(run.values.issuer, 'Give the issuer the cards name with --issuer https://….');
    await unlock(run);
    const kept = await call(run.api, 'cardKeys.add', { issuer, file: { token: tokenFor(run.state, file) } });
    run.out(`Kept for ${issuer}: keys ${kept.find((k) => k.issuer === issuer)?.keyIds.join(', ') ?? ''}.`, kept);
  },
  async 'card-keys remove'(run) {
    const issuer = need(run.args[0], 'Give the issuer: card-keys remove URL.');
    await unlock(run);
    run.out(`Removed the keys kept for ${issuer}.`, await call(run.api, 'cardKeys.remove', { issuer }));
  },
  async immunizations(run) {
    await unlock(run);
    const profile = await profileNamed(run);
    const { forecast, notCounted, matchedByName, handChosen, observations } = await call(run.api, 'immunizations.profile', { profileId: profile.id });
    const skipped = notCounted.map((n) => `  not counted: ${n.title}${n.date ? ` (${n.date})` : ''}: ${n.reason}`);
    const byName = matchedByName.map((m) => `  counted by its name: ${m.title} as CVX ${m.cvx} (${m.name})`);
    // The person's own statements, made on What's due, and what the record suggests but nobody confirmed.
    const chosen = handChosen.map((h) => `  counted as chosen by hand: ${h.title} as CVX ${h.cvx} (${h.name})`);
    const used = observations.confirmed.map((o) => `  condition used: ${o.code} ${o.title}${o.entryTitle ? ` (confirmed from "${o.entryTitle}")` : ' (added by hand)'}`);
    const proposed = observations.proposed.map((o) => `  condition in the record, not used until confirmed in the app: ${o.code} ${o.title} ("${o.entryTitle}")`);
    run.out([...forecastLines(forecast), ...used, ...proposed, ...chosen, ...byName, ...skipped].join('\n'), {
      forecast,
      notCounted,
      matchedByName,
      handChosen,
      observations,
    });
  },
  async 'immunizations forecast'(run) {
    const file = need(run.values.input, 'Give the history with --input FILE.');
    const forecast = await call(run.api, 'immunizations.forecast', readJsonFile(file) as InputOf<'immunizations.forecast'>);
    run.out(forecastLines(forecast).join('\n'), forecast);
  },
  async 'vault create'(run) {
    const passphrase = await readSecret('CHARTKEEPER_PASSPHRASE', 'New vault passphrase: ');
    const status = await call(run.api, 'vault.create', { passphrase });
    run.out(`Created a vault in ${status.location}.`, status);
  },
  async 'vault passphrase'(run) {
    const current = await unlock(run);
    const next = await readSecret('CHARTKEEPER_NEW_PASSPHRASE', 'New passphrase: ');
    await call(run.api, 'vault.changePassphrase', { current, next });
    run.out('Changed the vault passphrase.', { changed: true });
  },
  async 'profile add'(run) {
    const name = need(run.args[0], 'Give the profile name: profile add NAME --birth-date YYYY-MM-DD.');
    const birthDate = need(run.values['birth-date'], 'Give the birth date with --birth-date YYYY-MM-DD.');
    await unlock(run);
    const profile = await call(run.api, 'profiles.add', {
      name,
      birthDate,
      ...(run.values.sex ? { sex: run.values.sex } : {}),
      ...(run.values.colour ? { colour: run.values.colour } : {}),
    });
    run.out(`Added ${profile.name}.`, profile);
  },
  async 'profile list'(run) {
    await unlock(run);
    // A missing or empty file is always listed as such; a damaged one after --check, which
    // authenticates every page of every file (seconds for a large vault).
    const profiles = run.values.check ? (await call(run.api, 'vault.checkFiles', {})).profiles : await call(run.api, 'profiles.list', {});
    const state = (p: (typeof profiles)[number]) => (p.state === 'ok' ? '' : `\t${p.state === 'damaged' ? 'damaged file' : 'missing file'} ${p.file}`);
    run.out(profiles.map((p) => `${p.name}\t${p.birthDate}${state(p)}`).join('\n') || 'No profiles yet.', profiles);
  },
  async 'profile rename'(run) {
    const [from, to] = run.args;
    if (!from || !to) throw new UsageError('Give the current and the new name: profile rename NAME NEW-NAME.');
    await unlock(run);
    const profile = await profileNamed({ ...run, values: { ...run.values, profile: from } });
    const updated = await call(run.api, 'profiles.update', { profileId: profile.id, name: to });
    run.out(`Renamed ${from} to ${updated.name}.`, updated);
  },
  async 'profile delete'(run) {
    const name = need(run.args[0], 'Give the profile name: profile delete NAME --confirm NAME.');
    const confirm = need(run.values.confirm, 'Deleting cannot be undone; repeat the name with --confirm NAME.');
    await unlock(run);
    const profile = await profileNamed({ ...run, values: { ...run.values, profile: name } });
    await call(run.api, 'profiles.delete', { profileId: profile.id, confirmName: confirm });
    run.out(`Deleted ${profile.name} and everything in that profile.`, { deleted: profile.id });
  },
  async 'profile share'(run) {
    const name = need(run.args[0], 'Give the profile name: profile share NAME --out FILE.');
    const target = need(run.values.out, 'Say where to save the shared copy with --out FILE.');
    await unlock(run);
    const profile = await profileNamed({ ...run, values: { ...run.values, profile: name } });
    const passphrase = await readSecret('CHARTKEEPER_SHARE_PASSPHRASE', 'Passphrase for the person you share with: ');
    run.state.savePath = path.resolve(target);
    const saved = await call(run.api, 'share.create', { profileId: profile.id, passphrase, ...(run.values.by ? { keeper: run.values.by } : {}) });
    run.out(`Saved a shared copy of ${profile.name} to ${saved?.savedTo}. Give the passphrase to the other caregiver another way than the file.`, saved);
  },
  async 'profile contacts'(run) {
    const name = need(run.args[0], 'Give the profile name: profile contacts NAME [--add "NAME|RELATION|PHONE"] [--remove N].');
    const added = (run.values.add ?? []).map(contactFromArgument);
    await unlock(run);
    const profile = await profileNamed({ ...run, values: { ...run.values, profile: name } });
    const current = await call(run.api, 'card.contacts', { profileId: profile.id });
    if (run.values.remove === undefined && added.length === 0) {
      run.out(contactLines(profile.name, current), current);
      return;
    }
    let next = current;
    if (run.values.remove !== undefined) {
      const n = positiveId(run.values.remove, 'Say which contact to remove by its number in the list: --remove N.');
      if (n > current.length) {
        throw new UserError(current.length ? `${profile.name} has ${current.length} emergency contact${current.length === 1 ? '' : 's'}; there is no number ${n}.` : `${profile.name} has no emergency contacts to remove.`);
      }
      next = current.filter((_, i) => i !== n - 1);
    }
    const saved = await call(run.api, 'card.setContacts', { profileId: profile.id, contacts: [...next, ...added] });
    run.out(contactLines(profile.name, saved), saved);
  },
  async 'profile receive'(run) {
    const file = need(run.args[0], 'Name the shared file: profile receive FILE [--into NAME].');
    if (!fs.existsSync(file)) throw new UserError(`${file} does not exist.`);
    await unlock(run);
    const into = run.values.into ? await profileNamed({ ...run, values: { ...run.values, profile: run.values.into } }) : undefined;
    const passphrase = await readSecret('CHARTKEEPER_SHARE_PASSPHRASE', 'Passphrase of the shared copy: ');
    const result = (await run.api.invoke('share.receive', {
      file: { token: tokenFor(run.state, file) },
      passphrase,
      ...(into ? { intoProfileId: into.id } : {}),
      force: run.values.force,
    })) as Result<OutputOf<'share.receive'>>;
    if (!result.ok) throw new UserError(result.error.kind === 'identity-mismatch' ? `${result.error.message} Add --force to merge it anyway.` : result.error.message);
    const report = result.value;
    if (report.created) {
      run.out(`Added ${report.profile.name} as a new profile.`, report);
      return 0;
    }
    const files = report.files.map(({ mismatchPatient: _omit, ...rest }) => rest);
    const hand = report.handEntries;
    run.out(
      [
        describeImport(files as never[]),
        `Typed or said by hand in the shared copy (entries and statements): ${hand.added} added, ${hand.alreadyThere} already here.`,
        `Entries merged by hand in the shared copy: ${report.merges.carried} merged here too, ${report.merges.alreadyThere} already one entry, ${report.merges.keptApart} kept apart here.`,
        `Emergency contacts: ${report.contacts.added} added.`,
        ...(report.contacts.notAdded.length
          ? [`A card holds at most 5 emergency contacts, so these from the shared copy were not added: ${report.contacts.notAdded.map((c) => `${c.name} (${c.phone})`).join(', ')}.`]
          : []),
      ].join('\n'),
      { ...report, files },
    );
    return files.some((f) => f.error) ? 1 : 0;
  },
  async import(run) {
    if (run.args.length === 0) throw new UsageError('Name at least one file to import.');
    if (run.args.length > MAX_IMPORT_FILES) throw new UsageError(`Import at most ${MAX_IMPORT_FILES} files at a time; each command is one all-or-nothing import.`);
    await unlock(run);
    const profile = await profileNamed(run);
    // One request for every file that exists: one ImportBatch, so an interrupted command
    // leaves all of its files or none. A file that is missing or cannot be read is reported
    // and left out, as in the app.
    const present = run.args.map((file) => fs.existsSync(file));
    const sent = run.args.filter((_, i) => present[i]);
    const answers =
      sent.length > 0
        ? (
            await withProgress(run.api, profile.id, async () =>
              call(run.api, 'import.files', {
                profileId: profile.id,
                files: sent.map((file) => ({ token: tokenFor(run.state, file) })),
                force: run.values.force,
                recognise: run.values.recognise,
                everySample: run.values['every-sample'],
                ...(run.values.mapping ? { mapping: await mappingOf(run, run.values.mapping) } : {}),
              }),
            )
          ).files
        : [];
    const recognised = await waitForRecognition(run, profile.id, answers);
    let failed = false;
    const report = {
      files: run.args.map((file, i) => {
        const entry = present[i] ? answers[present.slice(0, i).filter(Boolean).length] : undefined;
        if (!entry) {
          failed = true;
          return { file: path.basename(file), error: `${file} does not exist.` };
        }
        if (entry.error) failed = true;
        const { mismatchPatient: _omit, errorKind, ...printable } = entry;
        if (errorKind === 'identity-mismatch') printable.error = `${entry.error} Add --force to import it anyway.`;
        const kept = entry.keptDocument;
        if (kept) {
          // A document, not a record: `format` says so, with its pages and how its text was found.
          const outcome = recognised.get(kept.id);
          if (outcome?.stoppedBecause) failed = true;
          const { recognising: _going, ...facts } = kept;
          return {
            ...printable,
            file: path.basename(file),
            format: 'kept-document',
            keptDocument: {
              ...facts,
              pagesWithText: outcome?.pagesWithText ?? kept.pagesWithText,
              pagesRecognised: outcome?.pagesRecognised ?? 0,
              ...(outcome?.sentence ? { recognition: outcome.sentence } : {}),
            },
          };
        }
        return { ...printable, file: path.basename(file) };
      }),
    };
    run.out(describeImport(report.files as never[]), report);
    return failed ? 1 : 0;
  },
  async timeline(run) {
    await unlock(run);
    const profile = await profileNamed(run);
    const kinds = run.values.kind?.split(',').map((k) => k.trim()).filter(Boolean);
    const limit = run.values.limit ? Number(run.values.limit) : Number.POSITIVE_INFINITY;
    const items = [];
    let cursor: string | undefined;
    do {
      const page = await call(run.api, 'timeline.page', {
        profileId: profile.id,
        filter: {
          ...(kinds?.length ? { kinds: kinds as never } : {}),
          ...(run.values.from ? { from: run.values.from } : {}),
          ...(run.values.to ? { to: run.values.to } : {}),
          ...(run.values['show-hidden'] ? { showHidden: true } : {}),
        },
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && items.length < limit);
    const shown = items.slice(0, limit);
    const read = await valueReader(run);
    const value = (i: (typeof shown)[number]) => {
      const text = read(i.quantity, i.codes, i.value);
      // A finding or visit the source says is not so never prints as present: not “Positive” — Not found (the source says so).
      const notSo = notSoWords(i);
      const said = notSo ? [text ? notSoValue(text) : '', notSo].filter(Boolean).join(' — ') : text;
      return said ? `\t${said}` : '';
    };
    if (run.values.details) {
      // Each entry as stored, for checking it against its source: the device or app, the lot, the comment.
      const entries = [];
      for (const item of shown) entries.push({ ...item, entry: await call(run.api, 'records.get', { profileId: profile.id, entryId: item.id }) });
      run.out(entries.map((e) => `${e.date ?? '(no date)'}\t${e.kind}\t${e.title}${value(e)}\t${JSON.stringify(e.entry.details)}`).join('\n'), { items: entries });
      return;
    }
    const said = (i: (typeof shown)[number]) => (i.correctedTitle ? ` (you corrected it to "${i.correctedTitle}")` : '') + (i.hiddenBy === 'wrong' ? ' [you said this is wrong]' : i.hiddenBy === 'hidden' ? ' [hidden by you]' : '');
    run.out(shown.map((i) => `${i.date ?? '(no date)'}\t${i.kind}\t${i.title}${said(i)}${value(i)}\t${i.providers.join(', ')}`).join('\n'), {
      items: shown,
    });
  },
  async 'statement add'(run) {
    const [entry, kind] = run.args;
    const entryId = positiveId(entry, 'Give the entry and what you say: statement add ENTRY-ID no-longer|still|wrong|hidden.');
    if (!kind || !STATEMENT_KINDS.includes(kind as (typeof STATEMENT_KINDS)[number])) throw new UsageError('Say one of no-longer, still, wrong or hidden (corrections: statement correct).');
    await unlock(run);
    const profile = await profileNamed(run);
    const saved = await call(run.api, 'statements.add', {
      profileId: profile.id,
      entryId,
      kind: kind as (typeof STATEMENT_KINDS)[number],
      ...(run.values.note ? { note: run.values.note } : {}),
      ...(run.values.date ? { date: run.values.date } : {}),
    });
    run.out(describeStatement(saved, kind), saved);
  },
  async 'statement correct'(run) {
    const entryId = positiveId(run.args[0], 'Give the entry to correct: statement correct ENTRY-ID --dose …');
    const correction = Object.fromEntries(CORRECTION_OPTIONS.flatMap((option) => (run.values[option] ? [[correctionField(option), run.values[option]]] : [])));
    if (Object.keys(correction).length === 0) throw new UsageError(`Give at least one corrected value: ${CORRECTION_OPTIONS.map((f) => `--${f}`).join(', ')}.`);
    await unlock(run);
    const profile = await profileNamed(run);
    const saved = await call(run.api, 'statements.add', { profileId: profile.id, entryId, kind: 'correction', correction, ...(run.values.note ? { note: run.values.note } : {}) });
    run.out(describeStatement(saved, 'correction'), saved);
  },
  async 'statement withdraw'(run) {
    const statementId = positiveId(run.args[0], 'Give the statement to withdraw: statement withdraw STATEMENT-ID.');
    await unlock(run);
    const profile = await profileNamed(run);
    const entry = await call(run.api, 'statements.withdraw', { profileId: profile.id, statementId });
    run.out(`Withdrawn. "${entry.title}" reads as its sources say${entry.personal?.length ? ', beside what else you said' : ''}.`, entry);
  },
  async search(run) {
    const text = need(run.args.join(' ').trim(), 'Give the text to search for.');
    await unlock(run);
    const profile = await profileNamed(run);
    // Every match, a page at a time as the app reads them.
    const first = await call(run.api, 'search.entries', { profileId: profile.id, text, limit: 500 });
    const { newestOnly } = first;
    const items = [...first.items];
    for (let cursor = first.nextCursor; cursor; ) {
      const page = await call(run.api, 'search.entries', { profileId: profile.id, text, cursor, limit: 500 });
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    // Pages of kept documents that hold the words: their own text, or words recognised in their pictures.
    const documents = await call(run.api, 'papers.search', { profileId: profile.id, text });
    const lines = [
      ...items.map((i) => `${i.date ?? '(no date)'}\t${i.kind}\t${i.title}`),
      ...documents.map(
        (d) => `${d.date ?? '(no date)'}\tdocument ${d.documentId}\t${d.title}\tpage ${d.page}\t${d.snippet.replace(/[«»]/g, '')}${d.recognized ? '\t(recognised words; they may be misread)' : ''}`,
      ),
    ];
    if (newestOnly) lines.push(newestOnlySentence(newestOnly));
    run.out(lines.join('\n') || 'Nothing found.', { items, ...(newestOnly ? { newestOnly } : {}), documents });
  },
  async 'documents list'(run) {
    await unlock(run);
    const profile = await profileNamed(run);
    const documents = await call(run.api, 'papers.list', { profileId: profile.id });
    const listed = documents.map(({ files, linkedEntries, ...d }) => ({
      ...d,
      files: files.map(({ thumbnail: _thumbnail, ...f }) => f),
      linkedEntries,
    }));
    const lines = listed.map((d) => {
      const pages = d.files.reduce((n, f) => n + f.pageCount, 0);
      const kinds = [...new Set(d.files.map((f) => f.mediaType))].join(', ');
      const text = d.pagesWithText > 0 ? `, text on ${d.pagesWithText} of them${d.pagesRecognized > 0 ? ` (${d.pagesRecognized} recognised)` : ''}` : ', no text found yet';
      return `${d.id}\t${d.date ?? '(no date)'}\t${d.kind}\t${d.title}\t${d.files.length} ${d.files.length === 1 ? 'file' : 'files'} (${kinds}), ${pages} ${pages === 1 ? 'page' : 'pages'}${text}`;
    });
    run.out(lines.join('\n') || `${profile.name} has no kept documents.`, listed);
  },
  async 'documents export'(run) {
    const out = need(run.values.out, 'Say which folder to save the files in with --out DIR.');
    const all = run.values.all;
    if (all === (run.args[0] !== undefined)) throw new UsageError('Give one document: documents export ID, or every one with --all.');
    const id = all ? undefined : positiveId(run.args[0], 'Give the document to export: documents export ID (ids: documents list).');
    const dir = path.resolve(out);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError(`${out} is not a folder.`);
    await unlock(run);
    const profile = await profileNamed(run);
    const documents = all ? await call(run.api, 'papers.list', { profileId: profile.id }) : [await call(run.api, 'papers.get', { profileId: profile.id, documentId: id! })];
    const includeLocation = run.values['keep-location'];
    const saved: { documentId: number; position: number; savedTo: string; locationLeftOut: boolean }[] = [];
    const taken = new Set<string>();
    for (const doc of documents) {
      for (const file of doc.files) {
        // Each copy goes through the app's own save (written atomically, GPS blanked unless asked), never over a file already there.
        run.state.savePath = freeName(dir, file.name, taken);
        const result = await call(run.api, 'papers.saveCopy', { profileId: profile.id, documentId: doc.id, position: file.position, includeLocation });
        if (result) saved.push({ documentId: doc.id, position: file.position, savedTo: result.savedTo, locationLeftOut: file.hasLocation && !includeLocation });
      }
    }
    const leftOut = saved.filter((s) => s.locationLeftOut).length;
    const human = [
      `Saved ${saved.length} ${saved.length === 1 ? 'file' : 'files'} of ${documents.length} ${documents.length === 1 ? 'document' : 'documents'} in ${dir}.`,
      ...(leftOut > 0 ? [`Where the photo was taken was left out of ${leftOut} of them; add --keep-location to keep it.`] : []),
    ].join('\n');
    run.out(human, { files: saved });
  },
  async 'notes add'(run) {
    const text = need(run.args.join(' ').trim(), 'Give the text of the note: notes add TEXT --profile NAME.');
    if (text.length > 10_000) throw new UsageError('A note can be at most 10,000 characters long.');
    await unlock(run);
    const profile = await profileNamed(run);
    // The first line names the note (as a title typed in the app would); the whole text is kept as written.
    const firstLine = text.split(/\r?\n/)[0]!.trim();
    const title = firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine;
    const saved = await call(run.api, 'records.save', {
      profileId: profile.id,
      entry: {
        kind: 'note',
        title,
        start: localDay(),
        codes: [],
        details: { ...(text !== title ? { comment: text } : {}), ...(run.values['for-clinician'] ? { forClinician: true } : {}) },
      },
    });
    run.out(
      run.values['for-clinician']
        ? `Added a note for the clinician to ${profile.name}'s record; every visit summary prints it.`
        : `Added a note to ${profile.name}'s record.`,
      saved,
    );
  },
  async export(run) {
    const chosen = (['fhir', 'ips', 'originals'] as const).filter((option) => run.values[option] !== undefined);
    if (chosen.length !== 1) throw new UsageError('Choose one of --fhir FILE, --ips FILE or --originals FILE.');
    const option = chosen[0]!;
    const language = run.values.language;
    if (language !== undefined && option !== 'ips') throw new UsageError('--language goes with --ips only.');
    if (language !== undefined && language !== 'en' && language !== 'es') throw new UsageError('Choose --language en or es.');
    await unlock(run);
    const profile = await profileNamed(run);
    run.state.savePath = path.resolve(run.values[option]!);
    const saved =
      option === 'ips'
        ? await call(run.api, 'export.ips', { profileId: profile.id, ...(language ? { language } : {}) })
        : await call(run.api, option === 'fhir' ? 'export.fhir' : 'export.originals', { profileId: profile.id });
    run.out(`Saved ${saved?.savedTo}.`, saved);
  },
  async summary(run) {
    if (run.values.items) return summaryItemList(run);
    const target = need(run.values.pdf, 'Say where to save the PDF with --pdf FILE.');
    if (run.values.card) return emergencyCard(run, target);
    if (run.values.layout !== undefined) throw new UsageError('--layout goes with --card only.');
    const { DEFAULT_SECTIONS, SUMMARY_SECTIONS } = await import('./summary/build.ts');
    const chosen = run.values.sections?.split(',').map((s) => s.trim());
    const unknown = chosen?.filter((s) => !(SUMMARY_SECTIONS as readonly string[]).includes(s));
    if (unknown?.length) throw new UsageError(`Unknown section(s): ${unknown.join(', ')}; choose from ${SUMMARY_SECTIONS.join(', ')}.`);
    const language = run.values.language ?? 'en';
    const paper = run.values.paper ?? 'Letter';
    if (language !== 'en' && language !== 'es') throw new UsageError('--language is en or es.');
    if (paper !== 'A4' && paper !== 'Letter') throw new UsageError('--paper is Letter or A4.');
    await unlock(run);
    const profile = await profileNamed(run);
    // The optional sections (what is due by CDC's schedule, a calculation; family history) are
    // printed only when asked for by name.
    const sections = Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s, chosen ? chosen.includes(s) : DEFAULT_SECTIONS[s]])) as Record<
      (typeof SUMMARY_SECTIONS)[number],
      boolean
    >;
    const excludedEntryIds = await leftOutItems(run, profile.id, language);
    run.state.savePath = path.resolve(target);
    const saved = await call(run.api, 'summary.pdf', {
      profileId: profile.id,
      sections,
      language,
      paper,
      ...(run.values['prepared-by'] ? { preparedBy: run.values['prepared-by'] } : {}),
      excludedEntryIds,
    });
    run.out(`Saved the visit summary to ${saved?.savedTo}.`, saved);
  },
  async backup(run) {
    const target = need(run.values.out, 'Say where to save the backup with --out FILE.');
    await unlock(run);
    const profile = run.values.profile ? await profileNamed(run) : undefined;
    const passphrase = await readSecret('CHARTKEEPER_BACKUP_PASSPHRASE', 'Backup passphrase: ');
    run.state.savePath = path.resolve(target);
    const saved = await call(run.api, 'backup.create', { passphrase, ...(profile ? { profileId: profile.id } : {}) });
    run.out(`Saved the encrypted backup to ${saved?.savedTo}.`, saved);
  },
  async restore(run) {
    const file = need(run.args[0], 'Name the backup file: restore FILE.');
    if (!fs.existsSync(file)) throw new UserError(`${file} does not exist.`);
    await unlock(run);
    const passphrase = await readSecret('CHARTKEEPER_BACKUP_PASSPHRASE', 'Backup passphrase: ');
    const restored = await call(run.api, 'backup.restore', { file: { token: tokenFor(run.state, file) }, passphrase });
    run.out(`Restored ${restored.profiles.map((p) => p.name).join(', ')}.`, restored);
  },
  async 'settings set'(run) {
    const [key, value] = run.args;
    if (key === 'units' && (value === 'us' || value === 'metric')) {
      await unlock(run);
      const settings = await call(run.api, 'settings.set', { units: value });
      run.out(settings.units === 'us' ? 'Weights, temperatures and heights are shown in lb, °F and in.' : 'Weights, temperatures and heights are shown in kg, °C and cm.', settings);
      return;
    }
    if (key === 'glucose') {
      const unit = GLUCOSE_UNITS.find((u) => u.toLowerCase() === value?.toLowerCase());
      if (!unit) throw new UsageError('Use: settings set glucose mg/dL|mmol/L|auto.');
      await unlock(run);
      const settings = await call(run.api, 'settings.set', { glucoseUnit: unit });
      run.out(
        settings.glucoseUnit === 'auto'
          ? 'Glucose is shown in the unit of most of its readings (a chart), and each other value as it was recorded.'
          : `Glucose is shown in ${settings.glucoseUnit}; each value as it was recorded stays in its details.`,
        settings,
      );
      return;
    }
    if (key !== 'online-lookups' || (value !== 'on' && value !== 'off')) throw new UsageError('Use: settings set online-lookups on|off, settings set units us|metric, or settings set glucose mg/dL|mmol/L|auto.');
    await unlock(run);
    const settings = await call(run.api, 'settings.set', { onlineLookups: value === 'on' });
    run.out(
      settings.onlineLookups
        ? 'Online lookups are on: only a code and a language are sent to MedlinePlus, and a health card issuer is asked for its public keys (its own address), never who it is about.'
        : 'Online lookups are off: nothing leaves this computer.',
      settings,
    );
  },
  async education(run) {
    await unlock(run);
    const profile = await profileNamed(run);
    const languages = (run.values.language ?? 'en,es').split(',').map((l) => l.trim());
    if (languages.some((l) => l !== 'en' && l !== 'es')) throw new UsageError('--language is en, es or en,es.');
    if (run.values.prefetch) return await prefetch(run, profile, languages as ('en' | 'es')[]);
    const rows = await call(run.api, 'education.cached', { profileId: profile.id });
    run.out(rows.map((r) => `${r.system} ${r.code} (${r.language}): ${r.titles.join('; ') || '(no topics)'}`).join('\n') || 'No education saved yet.', {
      education: rows,
    });
  },
};

const PREFETCH_POLL_MS = 250;

/** Follows one prefetch run to its end; Ctrl+C cancels it and waits until nothing is left writing. */
/** Ids `--leave-out` names, checked against what the summary offers, plus with `--as-last-time` what was left out last time. */
function leaveOutIds(value: string | undefined): number[] {
  if (value === undefined) return [];
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = parts.filter((p) => !/^\d{1,12}$/.test(p));
  if (bad.length || parts.length === 0) throw new UsageError('--leave-out takes item ids separated by commas, as `summary --items` lists them.');
  return parts.map(Number);
}

async function leftOutItems(run: Run, profileId: string, language: 'en' | 'es'): Promise<number[]> {
  const named = leaveOutIds(run.values['leave-out']);
  if (named.length === 0 && !run.values['as-last-time']) return [];
  // The same choice the screen stores (summary.lastChoice): only items still offered count.
  const offered = new Set((await call(run.api, 'summary.items', { profileId, language })).flatMap((s) => s.items.map((i) => i.id)));
  const missing = named.filter((id) => !offered.has(id));
  if (missing.length) throw new UserError(`The summary has no item ${missing.join(', ')}; \`summary --items\` lists the ones it would print.`);
  const before = run.values['as-last-time'] ? ((await call(run.api, 'summary.lastChoice', { profileId }))?.excludedEntryIds ?? []).filter((id) => offered.has(id)) : [];
  return [...new Set([...before, ...named])];
}

/** `summary --items`: what each section would print, with the id `--leave-out` takes, and what was left out last time. */
async function summaryItemList(run: Run): Promise<void> {
  const language = run.values.language ?? 'en';
  if (language !== 'en' && language !== 'es') throw new UsageError('--language is en or es.');
  await unlock(run);
  const profile = await profileNamed(run);
  const sections = await call(run.api, 'summary.items', { profileId: profile.id, language });
  const last = new Set((await call(run.api, 'summary.lastChoice', { profileId: profile.id }))?.excludedEntryIds ?? []);
  const lines = sections.filter((s) => s.items.length > 0).flatMap((s) => [
    `${s.section}:`,
    ...s.items.map((i) => `  ${i.id}  ${i.title}${i.date ? ` (${i.date})` : ''}${last.has(i.id) ? '  [left out last time]' : ''}`),
  ]);
  run.out(lines.join('\n') || 'The summary has no items to choose from.', { sections, leftOutLastTime: [...last] });
}

/** `summary --card`: the emergency card as a PDF. */
async function emergencyCard(run: Run, target: string): Promise<void> {
  if (run.values.sections !== undefined || run.values['prepared-by'] !== undefined) {
    throw new UsageError('--sections and --prepared-by go with the visit summary, not --card.');
  }
  const layout = run.values.layout ?? 'page';
  const language = run.values.language;
  const paper = run.values.paper ?? 'Letter';
  if (layout !== 'page' && layout !== 'wallet') throw new UsageError('--layout is page or wallet.');
  if (language !== undefined && language !== 'en' && language !== 'es') throw new UsageError('--language is en or es.');
  if (paper !== 'A4' && paper !== 'Letter') throw new UsageError('--paper is Letter or A4.');
  await unlock(run);
  const profile = await profileNamed(run);
  run.state.savePath = path.resolve(target);
  const saved = await call(run.api, 'card.pdf', { profileId: profile.id, layout, paper, ...(language ? { language } : {}) });
  run.out(`Saved the emergency card to ${saved?.savedTo}.`, saved);
}

async function prefetch(run: Run, profile: Profile, languages: ('en' | 'es')[]): Promise<number> {
  let interrupted = false;
  let wake: () => void = () => {};
  const onInterrupt = () => {
    interrupted = true;
    wake();
  };
  process.once('SIGINT', onInterrupt);
  const showProgress = (p: PrefetchProgress) => {
    if (process.stderr.isTTY) process.stderr.write(`\rSaving education: ${p.done} of ${p.total}`);
  };
  try {
    let progress: PrefetchProgress | null = await call(run.api, 'education.prefetch', { profileId: profile.id, languages });
    while (!progress.finished && !interrupted) {
      showProgress(progress);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, PREFETCH_POLL_MS);
      });
      progress = (await call(run.api, 'education.prefetchProgress', { profileId: profile.id })) ?? progress;
    }
    if (interrupted) progress = (await call(run.api, 'education.prefetchCancel', { profileId: profile.id })) ?? progress;
    if (process.stderr.isTTY) process.stderr.write('\n');
    const sentence = prefetchSentence(progress, run.vaultDir);
    if (!progress.stoppedBecause) {
      run.out(sentence, progress);
      return 0;
    }
    if (run.json) process.stdout.write(`${JSON.stringify(progress, null, 2)}\n`);
    process.stderr.write(`chartkeeper: ${sentence}\n`);
    return progress.stoppedBecause === 'cancelled' ? 130 : 1;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

function prefetchSentence(p: PrefetchProgress, vaultDir: string): string {
  const saved = `${p.done} of ${p.total} topics`;
  const after = p.retryAfter ? new Date(p.retryAfter).toTimeString().slice(0, 5) : undefined;
  const again = after ? `run this command again after ${after} to save the rest` : 'run this command again later to save the rest';
  switch (p.stoppedBecause) {
    case undefined:
      return `Saved education for ${saved}.`;
    case 'online-off':
      return `Online lookups are off, so ${p.done > 0 ? `only the education saved earlier is here (${saved})` : 'nothing was saved'}; turn them on with "chartkeeper settings set online-lookups on --vault ${vaultDir}" and run this again.`;
    case 'cancelled':
      return `Stopped after saving education for ${saved}; run this command again to continue.`;
    case 'offline':
      return `MedlinePlus could not be reached, so education for ${saved} was saved; ${again}.`;
    case 'refused':
      return `MedlinePlus is not answering right now, so education for ${saved} was saved; ${again}.`;
    case 'malformed':
      return `MedlinePlus sent an answer Chartkeeper could not read, so education for ${saved} was saved; ${again}.`;
    default:
      return `Saving education stopped because of an error after ${saved}; ${again}.`;
  }
}

/** A name in `dir` no file has yet (nor one saved earlier in this run): "name (2).ext" after "name.ext". */
function freeName(dir: string, name: string, taken: Set<string>): string {
  const base = path.basename(name) || 'document';
  const ext = path.extname(base);
  const stem = base.slice(0, base.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? base : `${stem} (${n})${ext}`);
    if (!taken.has(candidate) && !fs.existsSync(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

interface RecognitionOutcome {
  pagesWithText: number;
  pagesRecognised: number;
  stoppedBecause?: string;
  sentence?: string;
}

/** With --recognise: waits for the runs import.files started, showing progress; Ctrl-C stops them. */
async function waitForRecognition(run: Run, profileId: string, answers: FileImportReport[]): Promise<Map<number, RecognitionOutcome>> {
  const outcomes = new Map<number, RecognitionOutcome>();
  const going = answers.flatMap((a) => (a.keptDocument?.recognising ? [a.keptDocument] : []));
  if (going.length === 0) return outcomes;
  let interrupted = false;
  const onInterrupt = () => (interrupted = true);
  process.once('SIGINT', onInterrupt);
  try {
    for (const doc of going) {
      let progress = await call(run.api, 'papers.recognizeProgress', { profileId, documentId: doc.id });
      while (progress && !progress.finished) {
        if (interrupted) progress = (await call(run.api, 'papers.recognizeCancel', { profileId, documentId: doc.id })) ?? progress;
        if (process.stderr.isTTY) process.stderr.write(`\rFinding the words in "${doc.title}": ${Math.round(progress.done * 100)}%`);
        await new Promise((resolve) => setTimeout(resolve, RECOGNITION_POLL_MS));
        progress = await call(run.api, 'papers.recognizeProgress', { profileId, documentId: doc.id });
      }
      if (process.stderr.isTTY) process.stderr.write('\n');
      const kept = await call(run.api, 'papers.get', { profileId, documentId: doc.id });
      outcomes.set(doc.id, {
        pagesWithText: kept.pagesWithText,
        pagesRecognised: kept.pagesRecognized,
        ...(progress?.stoppedBecause ? { stoppedBecause: progress.stoppedBecause, sentence: progress.sentence ?? 'Finding the words stopped.' } : {}),
      });
    }
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  return outcomes;
}

const RECOGNITION_POLL_MS = 250;

/**
 * A long import (an Apple Health export of gigabytes) says how far it is on stderr, when that
 * is a terminal, once a second: bytes read and the time left.
 */
async function withProgress<T>(api: Api, profileId: string, run: () => Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) return run();
  let shown = false;
  const timer = setInterval(() => {
    void (api.invoke('import.progress', { profileId }) as Promise<Result<OutputOf<'import.progress'>>>).then((result) => {
      const p = result.ok ? result.value : null;
      if (!p || p.finished || p.totalBytes === 0) return;
      const percent = Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100));
      const left = p.secondsLeft === undefined ? '' : `, about ${p.secondsLeft < 90 ? `${p.secondsLeft} s` : `${Math.round(p.secondsLeft / 60)} min`} left`;
      process.stderr.write(`\r${p.file}: ${percent}% read (${Math.round(p.bytesRead / 1e6)} of ${Math.round(p.totalBytes / 1e6)} MB${left}) `);
      shown = true;
    });
  }, 1000);
  try {
    return await run();
  } finally {
    clearInterval(timer);
    if (shown) process.stderr.write('\n');
  }
}

function describeAppleHealth(a: AppleHealthImport): string[] {
  const list = (entries: [string, number][]) => entries.map(([type, n]) => `${type} ${n}`).join(', ') || 'none';
  const lines = [
    `  kept one by one: ${list(Object.entries(a.kept))}`,
    `  kept as daily summaries (count, minimum, mean, maximum): ${Object.entries(a.summarised).map(([type, s]) => `${type} ${s.readings} readings into ${s.summaries}`).join(', ') || 'none'}`,
    `  left out: ${list(Object.entries(a.leftOut))} (workout routes are never stored)`,
  ];
  if (a.refused) lines.push(`  refused: ${a.refused} readings (reasons in --json "skipped")`);
  if (a.alreadyThere || a.summariesGrown || a.summariesSmaller) {
    lines.push(`  from an earlier export: ${a.alreadyThere} already here, ${a.summariesGrown} daily summaries replaced by larger ones, ${a.summariesSmaller} kept because this export's had fewer readings`);
  }
  if (a.clinicalRecords.imported || a.clinicalRecords.failed.length) {
    lines.push(`  health records (clinical-records): ${a.clinicalRecords.imported} imported`, ...a.clinicalRecords.failed.map((f) => `  ${f.error}`));
  }
  return lines;
}

function describeImport(
  files: {
    file: string;
    format?: string;
    error?: string;
    alreadyImported?: boolean;
    counts?: Record<string, { new: number; merged: number; skipped: number }>;
    keptDocument?: { title: string; mediaType: string; pageCount: number; pagesWithText: number; pagesRecognised?: number; recognition?: string };
    appleHealth?: AppleHealthImport;
    csvLayout?: { header: string[]; mappings: string[] };
    cards?: HealthCardCheck[];
    cardsUpdated?: number[];
    notes?: { reason: string; notice?: { kind: string } }[];
    skipped?: { kind: string; reason: string }[];
  }[],
): string {
  return files
    .map((f) => {
      if (f.error && f.csvLayout) {
        const saved = f.csvLayout.mappings.length ? ` Saved mappings for these columns: ${f.csvLayout.mappings.map((m) => `"${m}"`).join(', ')}.` : '';
        return `${f.file}: ${f.error} Its columns (${f.csvLayout.header.join(', ')}) can be read with --mapping NAME or --mapping FILE.json.${saved}`;
      }
      if (f.error) return `${f.file}: ${f.error}`;
      if (f.keptDocument) {
        const d = f.keptDocument;
        const pages = `${d.pageCount} ${d.pageCount === 1 ? 'page' : 'pages'}`;
        const recognised = d.pagesRecognised ?? 0;
        const own = d.pagesWithText - recognised;
        const text = [d.mediaType === 'application/pdf' ? `its own text on ${own} of them` : '', recognised > 0 ? `words recognised on ${recognised}` : ''].filter(Boolean).join(', ');
        const sentence = `${f.file}: kept as a document, "${d.title}" (${d.mediaType}, ${pages}${text ? `, ${text}` : ''}).`;
        return d.recognition ? `${sentence} ${d.recognition}` : sentence;
      }
      if (f.alreadyImported && f.cardsUpdated?.length) {
        const now = f.cardsUpdated.map((i) => f.cards?.[i]).filter((c) => c !== undefined);
        const cards = now.map((c) => `\n  health card from ${c.issuer}: ${cardWords(c)}`).join('');
        const what = now.length === 1 ? (now[0]!.signature === 'revoked' ? "this card is now known to be revoked by its issuer; its document's title says so" : "this card's signature is now checked; its document's title says so") : `${now.length} of its cards are now checked; their documents' titles say so`;
        return `${f.file}: already imported; ${what}; nothing else changed.${cards}`;
      }
      if (f.alreadyImported) return `${f.file}: already imported; nothing changed.`;
      const totals = Object.values(f.counts ?? {}).reduce(
        (acc, c) => ({ new: acc.new + c.new, merged: acc.merged + c.merged, skipped: acc.skipped + c.skipped }),
        { new: 0, merged: 0, skipped: 0 },
      );
      const cards = (f.cards ?? []).map((c) => `\n  health card from ${c.issuer}: ${cardWords(c)}`).join('');
      // A card's signature sentence is said by its card line above.
      const notes = (f.notes ?? []).filter((n) => n.notice?.kind !== 'card-signature').map((n) => `\n  note: ${n.reason}`).join('');
      const line = `${f.file} (${f.format}): ${totals.new} new, ${totals.merged} merged, ${totals.skipped} skipped.${cards}${notes}${f.appleHealth ? '' : skippedLines(f.skipped ?? [])}`;
      return f.appleHealth ? [line, ...describeAppleHealth(f.appleHealth)].join('\n') : line;
    })
    .join('\n');
}

/** What was left out and why, as the app's report says it: a count alone names nothing. An Apple export says its refusals on its own line. */
function skippedLines(skipped: readonly { reason: string }[]): string {
  const shown = skipped.slice(0, SKIPPED_LISTED).map((s) => `\n  skipped: ${s.reason}`).join('');
  const more = skipped.length - SKIPPED_LISTED;
  return more > 0 ? `${shown}\n  skipped: ${more} more (every one in --json "skipped")` : shown;
}

const SKIPPED_LISTED = 20;

function commandOf(positionals: string[]): { name: string; args: string[] } | null {
  const [first, second, ...rest] = positionals;
  if (!first) return null;
  const two = `${first} ${second ?? ''}`;
  if (second && two in COMMANDS) return { name: two, args: rest };
  if (first in COMMANDS) return { name: first, args: positionals.slice(1) };
  return null;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`chartkeeper: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = commandOf(parsed.positionals);
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const state: CliPlatformState = { savePath: null, tokens: new Map() };
  const { createApi } = await import('./api/index.ts');
  const vaultDir = path.resolve(parsed.values.vault ?? defaultVaultDir());
  const api = createApi(cliPlatform(vaultDir, state));
  const json = parsed.values.json;
  const run: Run = {
    api,
    state,
    values: parsed.values,
    args: command.args,
    json,
    vaultDir,
    out: (human, value) => process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : human ? `${human}\n` : ''),
  };
  try {
    return (await COMMANDS[command.name]!(run)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`chartkeeper: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UserError) {
      process.stderr.write(`chartkeeper: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await api.invoke('vault.lock', {});
  }
}
