// Import: drop files or choose them (many at once, zips too). Each file is imported by its own
// call so it has its own progress: waiting, importing, done or failed. The report says what
// was found per kind, and a file for another person asks before anything is stored.
import { useRef, useState, type DragEvent } from 'react';
import type { FileImportReport, InputOf } from '../../preload/contract.ts';
import type { ReportKind } from '../../main/records/model.ts';
import { REPORT_KINDS } from '../kinds.ts';
import { api } from '../api/client.ts';
import { ProfileBadge } from '../components/ProfileBadge.tsx';
import { ErrorText } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';
import { openDocumentLater } from '../documents/open-request.ts';

type FileInput = InputOf<'import.files'>['files'][number];
type JobState = 'queued' | 'importing' | 'done' | 'failed' | 'mismatch' | 'skipped';
interface Job {
  id: number;
  name: string;
  input: FileInput;
  profileId: string;
  state: JobState;
  reports: FileImportReport[];
  error?: string;
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

  const update = (id: number, patch: Partial<Job>) => setJobs((js) => js.map((j) => (j.id === id ? { ...j, ...patch } : j)));

  async function runOne(job: Job, force: boolean, profileId: string) {
    update(job.id, { state: 'importing', profileId });
    const r = await api.import.files({ profileId, files: [job.input], force });
    if (!r.ok) {
      update(job.id, { state: 'failed', error: r.error.message });
      return;
    }
    const reports = r.value.files;
    const mismatch = reports.some((f) => f.errorKind === 'identity-mismatch');
    const failed = reports.length > 0 && reports.every((f) => f.error);
    update(job.id, { reports, state: mismatch ? 'mismatch' : failed ? 'failed' : 'done', error: failed ? reports[0]?.error : undefined });
    if (!mismatch && !failed) session.bumpRevision();
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

  function enqueue(items: { name: string; input: FileInput }[]) {
    const fresh = items.map<Job>((f) => ({ id: nextJobId++, name: f.name, input: f.input, profileId: profile.id, state: 'queued', reports: [] }));
    setJobs((js) => [...fresh.slice().reverse(), ...js]);
    queue.current.push(...fresh);
    void drain();
  }

  async function addFiles(list: FileList | null) {
    if (!list || list.length === 0) return;
    const files = await Promise.all(
      [...list].map(async (f) => ({ name: f.name, input: { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) } })),
    );
    enqueue(files);
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
    enqueue(r.value.map((f) => ({ name: f.name, input: { token: f.token } })));
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
      <ErrorText error={error} />
      {jobs.length > 0 && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{t('importReport')}</h2>
          <ul className="job-list">
            {jobs.map((job) => (
              <li key={job.id}>
                <JobCard
                  job={job}
                  onForce={() => void runOne(job, true, job.profileId)}
                  onSkip={() => update(job.id, { state: 'skipped' })}
                  onNewProfile={async (name, birthDate) => {
                    const added = await api.profiles.add({ name, birthDate });
                    if (!added.ok) {
                      update(job.id, { error: added.error.message });
                      return;
                    }
                    await session.reloadProfiles(profile.id);
                    await runOne(job, true, added.value.id);
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
  skipped: 'cancelled',
} as const;

function JobCard({ job, onForce, onSkip, onNewProfile }: { job: Job; onForce: () => void; onSkip: () => void; onNewProfile: (name: string, birthDate: string) => Promise<void> }) {
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
      {job.state === 'failed' && <ErrorText error={job.error ?? ''} />}
      {job.reports.map((r, i) => (
        <FileReport key={i} report={r} job={job} onForce={onForce} onSkip={onSkip} onNewProfile={onNewProfile} />
      ))}
      {job.state !== 'failed' && job.error && <ErrorText error={job.error} />}
    </article>
  );
}

function FileReport({ report, job, onForce, onSkip, onNewProfile }: { report: FileImportReport; job: Job; onForce: () => void; onSkip: () => void; onNewProfile: (name: string, birthDate: string) => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { profiles, navigate } = useSession();
  const target = profiles.find((p) => p.id === job.profileId);
  const [birth, setBirth] = useState(report.mismatchPatient?.birthDate?.slice(0, 10) ?? '');
  const kinds = REPORT_KINDS.filter((k) => report.counts?.[k]);

  if (report.errorKind === 'identity-mismatch' && job.state === 'mismatch') {
    const who = report.mismatchPatient?.name ?? report.patient?.name ?? t('unknown');
    const born = report.mismatchPatient?.birthDate ?? report.patient?.birthDate;
    const fullDate = /^\d{4}-\d{2}-\d{2}$/.test(birth);
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
        <div className="button-row">
          <button type="button" className="button-primary" onClick={onForce}>
            {t('importAnyway', { name: target?.name ?? '' })}
          </button>
          {!fullDate && (
            <label>
              {t('birthDate')}
              <input type="date" value={birth} onChange={(e) => setBirth(e.target.value)} />
            </label>
          )}
          <button type="button" disabled={!fullDate} onClick={() => void onNewProfile(who, birth)}>
            {t('createProfileFor', { name: who })}
          </button>
          <button type="button" onClick={onSkip}>
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
          {report.keptDocument.mediaType === 'application/pdf' && (report.keptDocument.pagesWithText > 0 ? `${t('keptTextPages', { count: report.keptDocument.pagesWithText })}. ` : `${t('keptNoText')} `)}
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
      {report.alreadyImported && <p className="notice">{t('alreadyImported')}</p>}
      {report.error && report.errorKind !== 'identity-mismatch' && <ErrorText error={report.error} />}
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
      {report.skipped && report.skipped.length > 0 && (
        <details>
          <summary>{t('skippedReasons')} ({i18n.number(report.skipped.length)})</summary>
          <ul>
            {report.skipped.map((s, i) => (
              <li key={i}>
                {t(`rk_${s.kind}`)}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.possibleDuplicates ? <DuplicatesFound count={report.possibleDuplicates} /> : null}
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
