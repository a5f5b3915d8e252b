// Import: drop files or choose them (many at once, zips too). Each file is imported by its own
// call so it has its own progress: waiting, importing, done or failed. The report says what
// was found per kind, and a file for another person asks before anything is stored; one answer
// can be given for every file of the same person.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { AppleHealthImport, ContractError, CsvMapping, FileImportReport, ImportProgress, InputOf } from '../../preload/contract.ts';
import { CardSignature } from '../components/CardSignature.tsx';
import { CsvMappingDialog } from '../components/CsvMappingDialog.tsx';
import type { PatientIdentity, ReportKind } from '../../main/records/model.ts';
import { REPORT_KINDS } from '../kinds.ts';
import { api } from '../api/client.ts';
import { ProfileBadge } from '../components/ProfileBadge.tsx';
import { DateField } from '../components/DateField.tsx';
import { ErrorText } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { FORMAT_LIST_KEYS, importErrorKey, skippedReason } from '../i18n/import-errors.ts';
import { listedNotes, sayNote, type ImportNote } from '../i18n/import-notes.ts';
import { useProfile, useSession } from '../session.ts';
import { openDocumentLater } from '../documents/open-request.ts';

type FileInput = InputOf<'import.files'>['files'][number];
type JobState = 'queued' | 'importing' | 'done' | 'failed' | 'mismatch' | 'skipped' | 'columns';
interface Job {
  id: number;
  name: string;
  input: FileInput;
  profileId: string;
  state: JobState;
  reports: FileImportReport[];
  /** A request that failed as a whole (the reports carry each file's own problem). */
  error?: ContractError;
  /** The column mapping the person chose for this file (a CSV of unknown layout). */
  mapping?: CsvMapping;
  /** Health card keys and revocation lists chosen together with this file. */
  keyFiles: FileInput[];
}

/** A health card issuer's key set or revocation list (small JSON with "keys", or "kid" and "rids"): checks cards, is not a record. */
function isKeyFile(name: string, bytes: Uint8Array): boolean {
  if (!/\.(json|crl)$/i.test(name) || bytes.byteLength > 1024 * 1024) return false;
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as { keys?: unknown; kid?: unknown; rids?: unknown };
    return Array.isArray(value.keys) || (typeof value.kid === 'string' && Array.isArray(value.rids));
  } catch {
    return false;
  }
}

/** An answer to "this file is for someone else", given once for every file of that person. */
type Answer = { kind: 'force'; profileId: string } | { kind: 'skip' };

function mismatchOf(job: Job): PatientIdentity | undefined {
  return job.state === 'mismatch' ? job.reports.find((r) => r.errorKind === 'identity-mismatch')?.mismatchPatient : undefined;
}

/** Who a file is for, as the question names them: the same name and birth date are the same person. */
function personKey(patient: PatientIdentity | undefined): string {
  if (!patient) return '';
  const name = patient.name ?? [...(patient.given ?? []), patient.family].filter(Boolean).join(' ');
  return `${name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()}|${patient.birthDate?.slice(0, 10) ?? ''}`;
}

const isElectron = () => navigator.userAgent.includes('Electron');
let nextJobId = 1;

export function ImportScreen() {
  const { t } = useI18n();
  const profile = useProfile();
  const session = useSession();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const running = useRef(false);
  const queue = useRef<Job[]>([]);
  // Answers meant for every file of one person (and the profile the files were chosen for), so
  // files still being read get them too.
  const answers = useRef(new Map<string, Answer>());
  const jobsRef = useRef<Job[]>([]);
  jobsRef.current = jobs;
  // Chosen before the files: a glucose file's sensor readings kept one by one instead of daily summaries.
  const [everySample, setEverySample] = useState(false);
  const everySampleRef = useRef(false);
  everySampleRef.current = everySample;
  const [mapping, setMapping] = useState<Job | null>(null);
  const [keyNames, setKeyNames] = useState<string[]>([]);

  const update = (id: number, patch: Partial<Job>) => setJobs((js) => js.map((j) => (j.id === id ? { ...j, ...patch } : j)));

  async function runOne(job: Job, force: boolean, profileId: string) {
    update(job.id, { state: 'importing', profileId, error: undefined });
    // A PDF or picture kept as a document has its words looked for at once, off the window's thread.
    const r = await api.import.files({
      profileId,
      files: [job.input],
      force,
      recognise: true,
      everySample: everySampleRef.current,
      keyFiles: job.keyFiles,
      ...(job.mapping ? { mapping: job.mapping } : {}),
    });
    if (!r.ok) {
      update(job.id, { state: 'failed', reports: [], error: r.error });
      return;
    }
    const reports = r.value.files;
    const mismatch = reports.find((f) => f.errorKind === 'identity-mismatch');
    const failed = reports.length > 0 && reports.every((f) => f.error);
    // A table of unknown layout is not a failure: it waits for the person to say what its columns hold.
    const columns = failed && reports.every((f) => f.csvLayout);
    update(job.id, { reports, state: mismatch ? 'mismatch' : columns ? 'columns' : failed ? 'failed' : 'done' });
    if (!mismatch && !failed) session.bumpRevision();
    const answer = mismatch && !force ? answers.current.get(`${personKey(mismatch.mismatchPatient)}|${job.profileId}`) : undefined;
    if (answer) await apply({ ...job, profileId }, answer);
  }

  /** The file read again with a column mapping (the dialog's, or a saved one). */
  async function withMapping(job: Job, chosen: CsvMapping) {
    const next = { ...job, mapping: chosen };
    setJobs((js) => js.map((j) => (j.id === job.id ? next : j)));
    await runOne(next, false, job.profileId);
  }

  async function apply(job: Job, answer: Answer) {
    if (answer.kind === 'skip') update(job.id, { state: 'skipped' });
    else await runOne(job, true, answer.profileId);
  }

  /** The files waiting for an answer about the same person as `job` (not `job` itself). */
  function samePerson(job: Job): Job[] {
    const key = personKey(mismatchOf(job));
    return key ? jobsRef.current.filter((j) => j.id !== job.id && j.profileId === job.profileId && personKey(mismatchOf(j)) === key) : [];
  }

  async function answer(job: Job, chosen: Answer, forAll: boolean) {
    const others = forAll ? samePerson(job) : [];
    if (forAll) answers.current.set(`${personKey(mismatchOf(job))}|${job.profileId}`, chosen);
    for (const j of [job, ...others]) await apply(j, chosen);
  }

  async function drain() {
    if (running.current) return;
    running.current = true;
    while (queue.current.length) {
      const job = queue.current.shift()!;
      await runOne(job, false, job.profileId);
    }
    running.current = false;
  }

  function enqueue(items: { name: string; input: FileInput }[], keyFiles: FileInput[] = []) {
    const fresh = items.map<Job>((f) => ({ id: nextJobId++, name: f.name, input: f.input, profileId: profile.id, state: 'queued', reports: [], keyFiles }));
    setJobs((js) => [...fresh.slice().reverse(), ...js]);
    queue.current.push(...fresh);
    void drain();
  }

  async function addFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const files = await Promise.all(
      [...list].map(async (f) => ({ name: f.name, input: { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) } })),
    );
    const keys = files.filter((f) => isKeyFile(f.name, f.input.bytes));
    if (keys.length > 0) setKeyNames((names) => [...keys.map((k) => k.name), ...names]);
    enqueue(files.filter((f) => !keys.includes(f)), keys.map((k) => k.input));
  }

  async function choose() {
    setError(null);
    if (!isElectron()) {
      inputRef.current?.click();
      return;
    }
    const r = await api.dialog.openFiles({ purpose: 'import' });
    if (!r.ok) {
      // No dialog (browser): the web picker reads the bytes instead.
      inputRef.current?.click();
      return;
    }
    // Main reads only what a key set or revocation list can be among these; other JSON is ignored there.
    const keyFiles = r.value.filter((f) => /\.(json|crl)$/i.test(f.name)).map((f) => ({ token: f.token }));
    enqueue(r.value.map((f) => ({ name: f.name, input: { token: f.token } })), keyFiles);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void addFiles(e.dataTransfer.files);
  }

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('importTitle')}
      </h1>
      <p>{t('importIntro')}</p>
      <p className="muted small">{t('keptImportHint')}</p>
      <p className="importing-into">
        <ProfileBadge profile={profile} /> {t('importingInto', { name: profile.name })}
      </p>
      <div
        className={dragging ? 'dropzone dropzone-active' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>{t('dropHere')}</p>
        <button type="button" className="button-primary" onClick={() => void choose()}>
          {t('chooseFiles')}
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('chooseFiles')}
          data-testid="file-input"
          onChange={(e) => {
            void addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <label className="check every-sample">
        <input type="checkbox" checked={everySample} onChange={(e) => setEverySample(e.target.checked)} data-testid="every-sample" /> {t('everySample')}
      </label>
      <p className="muted small every-sample-hint">{t('everySampleHint')}</p>
      <ErrorText error={error} />
      {mapping && (
        <CsvMappingDialog
          file={mapping.input}
          fileName={mapping.name}
          onClose={() => setMapping(null)}
          onImport={(chosen) => {
            const job = mapping;
            setMapping(null);
            void withMapping(job, chosen);
          }}
        />
      )}
      {jobs.length > 0 && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{t('importReport')}</h2>
          {keyNames.length > 0 && <p className="notice small">{t('cardKeyFilesUsed', { files: keyNames.join(', ') })}</p>}
          <ul className="job-list">
            {jobs.map((job) => (
              <li key={job.id}>
                <JobCard
                  job={job}
                  others={job.state === 'mismatch' ? samePerson(job).length : 0}
                  onForce={(forAll) => void answer(job, { kind: 'force', profileId: job.profileId }, forAll)}
                  onSkip={(forAll) => void answer(job, { kind: 'skip' }, forAll)}
                  onMap={() => setMapping(job)}
                  onSavedMapping={async (name) => {
                    const saved = await api.csv.mappings({});
                    const found = saved.ok ? saved.value.find((m) => m.name === name) : undefined;
                    if (found) await withMapping(job, found);
                  }}
                  onNewProfile={async (name, birthDate, forAll) => {
                    const added = await api.profiles.add({ name, birthDate });
                    if (!added.ok) {
                      update(job.id, { error: added.error });
                      return;
                    }
                    await session.reloadProfiles(profile.id);
                    await answer(job, { kind: 'force', profileId: added.value.id }, forAll);
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

const STATE_KEY = {
  queued: 'fileQueued',
  importing: 'fileImporting',
  done: 'fileDone',
  failed: 'fileFailed',
  mismatch: 'fileNeedsAnswer',
  columns: 'fileNeedsAnswer',
  skipped: 'cancelled',
} as const;

interface Answers {
  /** How many other files wait for an answer about the same person. */
  others: number;
  onForce: (forAll: boolean) => void;
  onSkip: (forAll: boolean) => void;
  onNewProfile: (name: string, birthDate: string, forAll: boolean) => Promise<void>;
  /** Opens the column-mapping dialog for a CSV of unknown layout. */
  onMap: () => void;
  /** Reads the file again with a saved mapping. */
  onSavedMapping: (name: string) => Promise<void>;
}

function JobCard({ job, ...answers }: { job: Job } & Answers) {
  const { t } = useI18n();
  return (
    <article className={`job job-${job.state}`} aria-label={job.name} data-testid="import-job">
      <header className="job-head">
        <strong className="job-name">{job.name}</strong>
        <span className={`job-state state-${job.state}`} role="status">
          {job.state === 'importing' && <span className="spinner" aria-hidden="true" />}
          {t(STATE_KEY[job.state])}
        </span>
      </header>
      {job.state === 'importing' && <ReadingProgress profileId={job.profileId} />}
      {job.reports.map((r, i) => (
        <FileReport key={i} report={r} job={job} {...answers} />
      ))}
      <ErrorText error={job.error} />
    </article>
  );
}

function FileReport({ report, job, others, onForce, onSkip, onNewProfile, onMap, onSavedMapping }: { report: FileImportReport; job: Job } & Answers) {
  const i18n = useI18n();
  const { t } = i18n;
  const { profiles, navigate } = useSession();
  const target = profiles.find((p) => p.id === job.profileId);
  const [birth, setBirth] = useState(report.mismatchPatient?.birthDate?.slice(0, 10) ?? '');
  const [forAll, setForAll] = useState(false);
  const kinds = REPORT_KINDS.filter((k) => report.counts?.[k]);

  if (report.errorKind === 'identity-mismatch' && job.state === 'mismatch') {
    const who = report.mismatchPatient?.name ?? report.patient?.name ?? t('unknown');
    const born = report.mismatchPatient?.birthDate ?? report.patient?.birthDate;
    const fullDate = /^\d{4}-\d{2}-\d{2}$/.test(birth);
    const all = forAll && others > 0;
    return (
      <div className="mismatch" role="group" aria-label={t('fileNeedsAnswer')}>
        <p>
          {t('mismatchQuestion', {
            fileName: who,
            fileBirth: born ? i18n.date(born) : t('unknown'),
            profileName: target?.name ?? '',
            fileName2: who,
          })}
        </p>
        {others > 0 && (
          <label className="check apply-all">
            <input type="checkbox" checked={forAll} onChange={(e) => setForAll(e.target.checked)} />
            {t('applyToAllFor', { count: others, name: who })}
          </label>
        )}
        {!/^\d{4}-\d{2}-\d{2}/.test(born ?? '') && <DateField label={t('birthDate')} value={birth} onChange={setBirth} className="mismatch-birth" />}
        <div className="button-row">
          <button type="button" className="button-primary" onClick={() => onForce(all)}>
            {t('importAnyway', { name: target?.name ?? '' })}
          </button>
          <button type="button" disabled={!fullDate} onClick={() => void onNewProfile(who, birth, all)}>
            {t('createProfileFor', { name: who })}
          </button>
          <button type="button" onClick={() => onSkip(all)}>
            {t('skipFile')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="file-report">
      {report.file !== job.name && <p className="small">{report.file}</p>}
      <dl className="facts">
        {report.format && (
          <div className="fact">
            <dt>{t('format')}</dt>
            <dd>{i18n.has(`fmt_${report.format}`) ? t(`fmt_${report.format}` as 'fmt_ccda') : report.format}</dd>
          </div>
        )}
        {report.patient && (report.patient.name || report.patient.birthDate) && (
          <div className="fact">
            <dt>{t('patient')}</dt>
            <dd>
              {report.patient.name ?? ''}
              {report.patient.birthDate ? ` (${t('bornOn', { date: i18n.date(report.patient.birthDate) })})` : ''}
            </dd>
          </div>
        )}
        {report.documents !== undefined && (
          <div className="fact">
            <dt>{t('documentsTitle')}</dt>
            <dd>{t('documentsCount', { count: report.documents })}</dd>
          </div>
        )}
      </dl>
      {report.keptDocument && (
        <p className="notice">
          {t('keptKeptAs', { title: report.keptDocument.title, type: t(`mt_${report.keptDocument.mediaType}` as 'mt_application/pdf') })}{' '}
          {report.keptDocument.pageCount > 1 || report.keptDocument.mediaType === 'application/pdf' ? `${t('keptPages', { count: report.keptDocument.pageCount })}. ` : ''}
          {report.keptDocument.pagesWithText > 0 && `${t('keptTextPages', { count: report.keptDocument.pagesWithText })}. `}
          {report.keptDocument.recognising
            ? `${t('keptRecognizingAfterImport')} `
            : report.keptDocument.mediaType === 'application/pdf' && report.keptDocument.pagesWithText === 0 && `${t('keptNoText')} `}
          <button
            type="button"
            onClick={() => {
              openDocumentLater(report.keptDocument!.id);
              navigate('documents');
            }}
          >
            {t('openDocument', { title: report.keptDocument.title })}
          </button>
        </p>
      )}
      {report.appleHealth && <AppleHealthFacts apple={report.appleHealth} />}
      {report.alreadyImported && <AlreadyImported report={report} />}
      {report.error && report.errorKind !== 'identity-mismatch' && !report.csvLayout && <RefusedFile report={report} />}
      {report.csvLayout && (
        <div className="notice csv-offer" data-testid="csv-offer">
          <p>{t('csvOffer', { columns: report.csvLayout.header.join(', ') })}</p>
          <div className="button-row">
            {report.csvLayout.mappings.map((name) => (
              <button key={name} type="button" className="button-primary" onClick={() => void onSavedMapping(name)}>
                {t('csvReadWith', { name })}
              </button>
            ))}
            <button type="button" className={report.csvLayout.mappings.length ? undefined : 'button-primary'} onClick={onMap} data-testid="csv-map">
              {t('csvChooseColumns')}
            </button>
          </div>
        </div>
      )}
      {report.cards?.map((card, i) => <CardSignature key={i} card={card} />)}
      {kinds.length > 0 && (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('kindColumn')}</th>
              <th scope="col">{t('newColumn')}</th>
              <th scope="col">{t('mergedColumn')}</th>
              <th scope="col">{t('skippedColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k: ReportKind) => {
              const c = report.counts![k]!;
              return (
                <tr key={k}>
                  <th scope="row">{t(`rk_${k}`)}</th>
                  <td>{i18n.number(c.new)}</td>
                  <td>{i18n.number(c.merged)}</td>
                  <td>{i18n.number(c.skipped)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ImportNotes report={report} />
      {report.skipped && report.skipped.length > 0 && (
        <details>
          <summary>{t('skippedReasons')} ({i18n.number(report.skipped.length)})</summary>
          <ul>
            {report.skipped.map((s, i) => (
              <li key={i}>
                {t(`rk_${s.kind}`)}: {i18n.lang === 'en' ? s.reason : t(skippedReason(s.reason).key, skippedReason(s.reason).vars)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.possibleDuplicates ? <DuplicatesFound count={report.possibleDuplicates} /> : null}
    </div>
  );
}

/** At most this many other notes are shown open; more fold under their count. */
const OPEN_NOTES = 5;

/**
 * Every other sentence the import wrote: what was left out by type (with the source's own words)
 * always in sight, then the rest, as written when there are no words of the screen for them.
 */
function ImportNotes({ report }: { report: FileImportReport }) {
  const i18n = useI18n();
  const notes = listedNotes(report);
  if (notes.length === 0) return null;
  const item = (note: ImportNote, i: number) => {
    const said = sayNote(note, i18n);
    return (
      <li key={i} lang={said.lang}>
        {said.text}
      </li>
    );
  };
  const first = notes.filter((n) => n.notice);
  const others = notes.filter((n) => !n.notice);
  return (
    <div className="import-notes" data-testid="import-notes">
      <p>
        <strong>{i18n.t('importNotesTitle')}</strong>
      </p>
      {first.length > 0 && <ul>{first.map(item)}</ul>}
      {others.length > 0 && (
        <details open={others.length <= OPEN_NOTES}>
          <summary>{i18n.t('importOtherNotes', { count: others.length })}</summary>
          <ul>{others.map(item)}</ul>
        </details>
      )}
    </div>
  );
}

/** "3 possible duplicates to review." with the way to review them. */
function DuplicatesFound({ count }: { count: number }) {
  const { t } = useI18n();
  const { navigate } = useSession();
  return (
    <p className="notice">
      {t('possibleDuplicatesFound', { count })}{' '}
      <button type="button" className="link-button" onClick={() => navigate('duplicates')}>
        {t('reviewDuplicatesLink', { count })}
      </button>
    </p>
  );
}

/** Why a file was refused, once, in the reader's language; an unreadable one lists what Chartkeeper reads. */
/** A file imported before: nothing changed, or which of its health cards are now checked. */
function AlreadyImported({ report }: { report: FileImportReport }) {
  const { t } = useI18n();
  const updated = report.cardsUpdated ?? [];
  const one = updated.length === 1 ? report.cards?.[updated[0]!] : undefined;
  const words =
    updated.length === 0
      ? t('alreadyImported')
      : updated.length > 1
        ? t('alreadyImportedCardsChecked', { count: updated.length })
        : t(one?.signature === 'revoked' ? 'alreadyImportedCardRevoked' : 'alreadyImportedCardChecked');
  return <p className="notice">{words}</p>;
}

function RefusedFile({ report }: { report: FileImportReport }) {
  const i18n = useI18n();
  const { t } = i18n;
  const sentence = i18n.lang === 'en' ? report.error! : t(importErrorKey(report), { file: report.file });
  const list = new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(FORMAT_LIST_KEYS.map((k) => t(k)));
  return (
    <div className="refused" role="alert">
      <p className="error">{sentence}</p>
      {report.errorKind === 'unreadable-file' && <p className="small">{t('formatsRead', { list })}</p>}
    </div>
  );
}

/** What an Apple Health export held: kept one by one, kept as daily summaries, left out. */
function AppleHealthFacts({ apple }: { apple: AppleHealthImport }) {
  const i18n = useI18n();
  const { t } = i18n;
  // Apple's own identifier where the catalogue has no name for a type.
  const name = (type: string) => (i18n.has(`ah_${type}`) ? t(`ah_${type}` as 'ah_HeartRate') : type);
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([type, n]) => `${name(type)} ${i18n.number(n)}`)
      .join(', ') || t('ahNone');
  const summarised = Object.entries(apple.summarised);
  // Label and list in one paragraph each: the lists are long, and beside a label column they
  // were squeezed into a narrow strip at 1024 px.
  return (
    <div className="apple-health-facts">
      <p>
        <strong>{t('ahKept')}:</strong> {list(apple.kept)}
      </p>
      <p>
        <strong>{t('ahSummarised')}:</strong>{' '}
        {summarised.length === 0
          ? t('ahNone')
          : summarised.map(([type, c]) => t('ahSummarisedCount', { type: name(type), readings: i18n.number(c.readings), summaries: i18n.number(c.summaries) })).join('; ')}
      </p>
      <p>
        <strong>{t('ahLeftOut')}:</strong> {list(apple.leftOut)}
      </p>
      {apple.refused > 0 && <p className="small">{t('ahRefused', { count: i18n.number(apple.refused) })}</p>}
      {(apple.alreadyThere > 0 || apple.summariesGrown > 0 || apple.summariesSmaller > 0) && (
        <p className="small">{t('ahEarlier', { already: i18n.number(apple.alreadyThere), grown: i18n.number(apple.summariesGrown), smaller: i18n.number(apple.summariesSmaller) })}</p>
      )}
      {apple.clinicalRecords.imported + apple.clinicalRecords.failed.length > 0 && <p className="small">{t('ahClinical', { count: i18n.number(apple.clinicalRecords.imported) })}</p>}
    </div>
  );
}

/**
 * How far a long read has come (an Apple Health export of gigabytes), asked once a second
 * while the file is imported, with the way to cancel it: nothing of a cancelled import is kept.
 */
function ReadingProgress({ profileId }: { profileId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    let live = true;
    const timer = setInterval(() => {
      void api.import.progress({ profileId }).then((r) => {
        if (live && r.ok) setProgress(r.value && !r.value.finished && r.value.bytesRead > 0 ? r.value : null);
      });
    }, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [profileId]);
  if (!progress) return null;
  const percent = Math.min(100, Math.floor((progress.bytesRead / Math.max(1, progress.totalBytes)) * 100));
  const left = progress.secondsLeft;
  return (
    <p className="small reading-progress" role="status">
      {t('readingProgress', { percent, read: i18n.number(Math.round(progress.bytesRead / 1e6)), total: i18n.number(Math.round(progress.totalBytes / 1e6)) })}
      {left !== undefined && ` ${left < 90 ? t('readingSecondsLeft', { count: left }) : t('readingMinutesLeft', { count: Math.round(left / 60) })}`}{' '}
      <button
        type="button"
        disabled={cancelling}
        onClick={() => {
          setCancelling(true);
          void api.import.cancel({ profileId });
        }}
      >
        {t('cancelImport')}
      </button>
    </p>
  );
}
