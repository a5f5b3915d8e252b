// The details of one entry: every fact we hold, every source it came from (with the entry as
// that source wrote it), possible duplicates with Merge / Keep separate, and Learn more.
import { useEffect, useState, type ReactNode } from 'react';
import type { ContractError } from '../../preload/contract.ts';
import type { Code, ProvenanceLink, StoredEntry } from '../../main/records/model.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';
import { Dialog } from './Dialog.tsx';
import { DocumentViewer } from '../documents/DocumentViewer.tsx';
import { EntryDocuments } from '../documents/EntryDocuments.tsx';
import { Education } from './Education.tsx';
import { ManualEntryForm, type ManualKind, MANUAL_KINDS } from './ManualEntryForm.tsx';
import { ReadingForm } from './ReadingForm.tsx';
import { PersonalStatements } from './PersonalStatements.tsx';
import {
  abnormalFlag,
  asNeededWords,
  commentWords,
  criticalityWords,
  dateLabels,
  diagnosisWords,
  doseWithSource,
  extraInstructionWords,
  isGlucose,
  lotWords,
  maxDoseWords,
  problemTypeWords,
  provisionWords,
  reactionFactWords,
  reasonWords,
  reportedWords,
  routeWords,
  causeOfDeathWords,
  codeWords,
  commentBesidesReason,
  familyComment,
  onsetAgeWords,
  severityOf,
  shownDose,
  supplyWords,
  takeForWords,
} from '../../main/records/readable/index.ts';
import { kindLabel, rangeText, ResultFlag, shownStatusLabel, sourceStatusLabel, statusLabel, valueWords } from './records.tsx';
import { ErrorText, Loading } from './Status.tsx';
import { Duplicates, SeparateSources } from './EntryDuplicates.tsx';

const EDUCATION_KINDS = new Set(['problem', 'medication', 'result']);

export function EntryDetails({ entryId, onClose }: { entryId: number; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const session = useSession();
  const [entry, setEntry] = useState<StoredEntry | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [learn, setLearn] = useState(false);
  const [editing, setEditing] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void api.records.get({ profileId: profile.id, entryId }).then((r) => {
      if (!live) return;
      if (r.ok) setEntry(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [profile.id, entryId, reload]);

  const title = entry ? i18n.title(entry.title) : t('details');
  const editDone = (saved: boolean) => {
    setEditing(false);
    if (saved) {
      session.bumpRevision();
      setReload((n) => n + 1);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} wide>
      <ErrorText error={error} />
      {!entry && !error && <Loading />}
      {entry && editing && (entry.kind === 'vital' || entry.kind === 'result') && (
        <ReadingForm
          existing={entry}
          onDone={editDone}
        />
      )}
      {entry && editing && MANUAL_KINDS.includes(entry.kind as ManualKind) && (
        <ManualEntryForm
          kind={entry.kind as ManualKind}
          existing={entry}
          onDone={editDone}
        />
      )}
      {entry && !editing && (
        <div className="details">
          <p className="details-kind">
            <span className={`kind-chip kind-${entry.kind}`}>{kindLabel(i18n, entry.kind)}</span>
            {entry.manual && <span className="tag tag-manual">{t('manualBadge')}</span>}
          </p>
          <Facts entry={entry} />
          {/* What the person says about an imported entry, beside what its sources said. */}
          {!entry.manual && (
            <PersonalStatements
              entry={entry}
              onChanged={(next) => {
                setEntry(next);
                session.bumpRevision();
              }}
            />
          )}
          {entry.manual && (MANUAL_KINDS.includes(entry.kind as ManualKind) || entry.kind === 'vital' || entry.kind === 'result') && (
            <div className="button-row">
              <button type="button" onClick={() => setEditing(true)}>
                {t('edit')}
              </button>
              <DeleteEntry entry={entry} onDeleted={onClose} />
            </div>
          )}
          <Duplicates entry={entry} onChanged={() => setReload((n) => n + 1)} />
          {EDUCATION_KINDS.has(entry.kind) && (
            <div>
              {!learn ? (
                <button type="button" onClick={() => setLearn(true)}>
                  {t('learnMore')}
                </button>
              ) : (
                <>
                  <h3>{t('educationTitle', { title: i18n.title(entry.title) })}</h3>
                  <Education entryId={entry.id} />
                </>
              )}
            </div>
          )}
          <EntryDocuments entryId={entry.id} />
          <h3>
            {t('sources')} <span className="muted small">({t('sourceCount', { count: entry.sources.length })})</span>
          </h3>
          <ol className="source-list">
            {entry.sources.map((s, i) => (
              <SourceItem key={`${s.sourceId}-${i}`} source={s} />
            ))}
          </ol>
          <SeparateSources entry={entry} onChanged={() => setReload((n) => n + 1)} />
        </div>
      )}
    </Dialog>
  );
}

function Facts({ entry }: { entry: StoredEntry }) {
  const i18n = useI18n();
  const { t } = i18n;
  const shown = i18n.quantity(entry.value, { glucose: isGlucose(entry.codes) });
  const value = valueWords(i18n, shown ? (shown.asWritten ? `${shown.text} (${t('recordedAs', { value: shown.asWritten })})` : shown.text) : undefined, entry);
  const range = rangeText(i18n, entry);
  const d = entry.details;
  const labels = dateLabels(entry.kind);
  const flag = abnormalFlag(entry);
  // A medicine's method is how a dose goes in ("Swallow"), a procedure's how it was done.
  const medicine = entry.kind === 'medication';
  const rows: [string, ReactNode | undefined][] = [
    [t('status'), shownStatusLabel(i18n, entry.kind, entry.status, d)],
    // A relative's condition: who had it (the source's words), when it began, whether they died of it.
    [t('relative'), entry.kind === 'family' ? d.relation : undefined],
    [t('familyOnset'), onsetAgeWords(d.onsetAge, i18n.lang)],
    [t('causeOfDeath'), entry.kind === 'family' ? causeOfDeathWords(d, i18n.lang) : undefined],
    // A prohibition's own status: "Active" says it still stands.
    [t('orderStatus'), d.doNotPerform ? statusLabel(i18n, d.orderStatus) : undefined],
    [t(`dateLabel_${labels.start}`), entry.start ? i18n.date(entry.start) : undefined],
    [t(`dateLabel_${labels.end}`), entry.end ? i18n.date(entry.end) : undefined],
    [
      t('value'),
      value ? (
        <>
          {value}
          {flag && (
            <>
              {' '}
              <ResultFlag flag={flag.flag} />
              {flag.from === 'range' && range ? <span className="muted small"> ({t('flagFromRange', { range })})</span> : null}
            </>
          )}
        </>
      ) : undefined,
    ],
    [t('range'), range],
    [t('dose'), doseWithSource(d.dose, i18n.lang)],
    [t('route'), routeWords(d.route, i18n.lang)],
    [t('howGiven'), d.oneTime ? t('givenOnceValue') : undefined],
    [t('frequency'), i18n.frequency(d.frequency)],
    [t('doseMethod'), medicine ? (d.method ?? codeList(d.methodCodes)) : undefined],
    [t('additionalInstruction'), extraInstructionWords(d)],
    [t('maxDose'), maxDoseWords(d.maxDosePerPeriod, i18n.lang)],
    [t('takeFor'), takeForWords(d.takeFor, i18n.lang)],
    [
      t('moreDoses'),
      d.moreDoses?.length ? (
        <ol className="more-doses">
          {d.moreDoses.map((line, i) => (
            <li key={i}>
              {[
                shownDose(line.dose),
                routeWords(line.route, i18n.lang),
                i18n.frequency(line.frequency),
                line.method ?? codeList(line.methodCodes),
                extraInstructionWords(line),
                maxDoseWords(line.maxDosePerPeriod, i18n.lang),
                // Mid-list, "for 5 to 7 days" in lower case.
                lowerFirst(takeForWords(line.takeFor, i18n.lang)),
              ]
                .filter(Boolean)
                .join(', ')}
            </li>
          ))}
        </ol>
      ) : undefined,
    ],
    [t('whenTaken'), asNeededWords(d, i18n.lang)],
    [t('instructions'), d.instructions],
    [t('supply'), supplyWords(d, i18n.lang)],
    [t('reactions'), d.reactions?.join(', ')],
    [t('severity'), severityOf(d, i18n.lang)],
    [t('allergyType'), d.allergyType],
    [t('criticality'), criticalityWords(d.criticality, i18n.lang)],
    [t('lastOccurrence'), d.lastOccurrence ? i18n.date(d.lastOccurrence) : undefined],
    [
      t('reactionFacts'),
      d.reactionFacts?.length ? (
        <ul className="reaction-facts">
          {d.reactionFacts.map((facts, i) => (
            <li key={i}>{reactionFactWords(facts, i18n.lang, (date) => i18n.date(date))}</li>
          ))}
        </ul>
      ) : undefined,
    ],
    [t('directiveScope'), d.directiveScope],
    [t('provision'), provisionWords(d, i18n.lang)],
    [t('givenBy'), entry.kind === 'directive' ? d.performers?.join('; ') : undefined],
    // Who saw the person, gave the vaccine or did the procedure, as the source names them; for a
    // problem or an allergy, who stated it (FHIR's asserter), never "performed".
    [performerLabel(i18n, entry.kind), entry.kind !== 'directive' ? d.performers?.join('; ') : undefined],
    [t('prescribedBy'), d.prescriber],
    [t('verifiedBy'), d.verifiedBy?.join('; ')],
    [t('custodian'), d.custodian],
    [t('organization'), d.organization],
    [t('sourceDocument'), d.sourceTitle],
    [t('problemType'), problemTypeWords(d, i18n.lang)],
    [t('bodySite'), d.bodySite ?? codeList(d.bodySiteCodes)],
    [t('lotNumber'), lotWords(d, i18n.lang, (date) => i18n.date(date))],
    [t('doseRecord'), reportedWords(d, i18n.lang)],
    // The source's forecast, as it said it: Chartkeeper's own is on "What's due" alone.
    [t('nextDoseDueBySource'), d.nextDoseDue ? i18n.date(d.nextDoseDue) : undefined],
    [t('procedureMethod'), medicine ? undefined : (d.method ?? codeList(d.methodCodes))],
    [t('location'), d.location],
    [t('dischargeDisposition'), d.dischargeDisposition ?? codeList(d.dischargeDispositionCodes)],
    [reasonLabel(i18n, entry.kind), reasonWords(d)],
    [t('diagnoses'), diagnosisWords(d)],
    [t('plannedFor'), d.plannedFor ? i18n.date(d.plannedFor) : undefined],
    [t('comment'), entry.kind === 'family' ? commentWords(familyComment(d), i18n.lang) : commentBesidesReason(d.comment, d.reason, i18n.lang)],
    [t('codes'), codeList(entry.codes)],
  ];
  return (
    <dl className="facts">
      {rows
        .filter((r): r is [string, ReactNode] => Boolean(r[1]))
        .map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

function reasonLabel(i18n: ReturnType<typeof useI18n>, kind: string): string {
  const key = `reason_${kind}`;
  return i18n.has(key) ? i18n.t(key) : i18n.t('reason');
}

function performerLabel(i18n: ReturnType<typeof useI18n>, kind: string): string {
  const key = `performedBy_${kind}`;
  return i18n.has(key) ? i18n.t(key) : i18n.t('performedBy');
}

function lowerFirst(text: string | undefined): string | undefined {
  return text ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Codes as the source wrote them: "SNOMED 7771000 (Left)". */
function codeList(codes: readonly Code[] | undefined): string | undefined {
  return codes?.map(codeWords).join('; ') || undefined;
}

function SourceItem({ source }: { source: ProvenanceLink }) {
  const i18n = useI18n();
  const { t } = i18n;
  const o = source.original;
  const fmtKey = `fmt_${source.format}`;
  // As the source wrote it: in its own unit, whatever the reader's unit system.
  const shownOriginal = i18n.quantity(o.value);
  const value = valueWords(i18n, shownOriginal?.asWritten ?? shownOriginal?.text, o);
  return (
    <li className="source-item">
      <p className="source-provider">
        <strong>{i18n.provider(source.provider)}</strong>
      </p>
      <dl className="facts">
        {source.fileName && (
          <div className="fact">
            <dt>{t('file')}</dt>
            <dd>{source.fileName}</dd>
          </div>
        )}
        <div className="fact">
          <dt>{t('format')}</dt>
          <dd>{i18n.has(fmtKey) ? t(fmtKey) : source.format}</dd>
        </div>
        {source.documentDate && (
          <div className="fact">
            <dt>{t('documentDate')}</dt>
            <dd>{i18n.date(source.documentDate)}</dd>
          </div>
        )}
        <div className="fact">
          <dt>{t('importedLabel')}</dt>
          <dd>{i18n.dateTime(source.importedAt)}</dd>
        </div>
      </dl>
      <div className="original">
        <p className="small muted">{t('asWritten')}</p>
        <p>
          <strong>{i18n.title(o.title)}</strong>
          {value ? ` — ${value}` : ''}
          {o.status ? ` — ${sourceStatusLabel(i18n, o.kind, o.status, o.details)}` : ''}
          {o.start ? ` — ${i18n.date(o.start)}` : ''}
          {o.end ? ` – ${i18n.date(o.end)}` : ''}
        </p>
        {o.narrative && source.format !== 'kept-document' && (
          <>
            <p className="small muted">{t('narrative')}</p>
            <p className="source-narrative">{o.narrative}</p>
          </>
        )}
        {source.format === 'kept-document' && <KeptSource source={source} />}
      </div>
    </li>
  );
}

/** A result added from one of the person's documents: the line as printed, and the document to open. */
function KeptSource({ source }: { source: ProvenanceLink }) {
  const { t } = useI18n();
  const profile = useProfile();
  const [doc, setDoc] = useState<{ documentId: number; position: number; title: string } | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void api.papers.ofSource({ profileId: profile.id, sourceId: source.sourceId }).then((r) => r.ok && setDoc(r.value));
  }, [profile.id, source.sourceId]);
  const page = /^page (\d+)$/.exec(source.original.sourceLocation ?? '')?.[1];
  return (
    <>
      {source.original.narrative && (
        <>
          <p className="small muted">{t('sourceKeptPage', { where: page ? t('sourceKeptWhere', { page }) : '' })}</p>
          <p className="source-narrative">{source.original.narrative}</p>
        </>
      )}
      {doc && (
        <p>
          <button type="button" onClick={() => setOpen(true)}>
            {t('sourceKeptOpen', { title: doc.title })}
          </button>
        </p>
      )}
      {open && doc && <DocumentViewer documentId={doc.documentId} start={{ position: doc.position, page: Number(page ?? 1) }} onClose={() => setOpen(false)} />}
    </>
  );
}

function DeleteEntry({ entry, onDeleted }: { entry: StoredEntry; onDeleted: () => void }) {
  const { t } = useI18n();
  const profile = useProfile();
  const session = useSession();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  if (!asking) {
    return (
      <button type="button" className="button-danger" onClick={() => setAsking(true)}>
        {t('delete')}
      </button>
    );
  }
  return (
    <span className="confirm-inline">
      {t('deleteEntryConfirm')}{' '}
      <button
        type="button"
        className="button-danger"
        onClick={async () => {
          const r = await api.records.delete({ profileId: profile.id, entryId: entry.id });
          if (!r.ok) return setError(r.error);
          session.notify(t('entryDeleted'));
          session.bumpRevision();
          onDeleted();
        }}
      >
        {t('yes')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('no')}
      </button>
      <ErrorText error={error} />
    </span>
  );
}
