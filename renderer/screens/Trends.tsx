// A chart per test. Systolic and diastolic blood pressure are shown together as one chart.
// The list of tests and the chosen test's chart stand side by side from 1024 px up, the list
// scrolling on its own, so the chart a card changes is always in view; every value not drawn
// is listed below the chart with its date, the value as written and why.
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ContractError, TrendSeries, TrendTablePage, TrendTest, TrendUndrawn } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { isGlucose, unitLabel, unitLabelIn } from '../../main/records/readable/index.ts';
import { pointsInReadersUnits, seriesInReadersUnits } from '../components/trend-units.ts';
import { rangeText, TrendChart, ValueCell, valuesOf, type ChartSeries } from '../components/TrendChart.tsx';
import { LoadError } from '../components/FileProblem.tsx';
import { Loading } from '../components/Status.tsx';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ReadingForm } from '../components/ReadingForm.tsx';

const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';
const BP = 'bp';

interface Choice {
  key: string;
  title: string;
  count: number;
  latest?: string;
  codes: string[];
  byName: boolean;
  specimen?: string;
}

type Reader = I18n['quantity'];

function latestOf(t: TrendTest | undefined, read: Reader): string | undefined {
  return t ? read({ number: t.latestValue, ...(t.latestUnit ? { unit: t.latestUnit } : {}) }, { glucose: isGlucose([t.code]) })?.text : undefined;
}

function choicesOf(tests: TrendTest[], bpTitle: string, read: Reader): Choice[] {
  const fmt = (n: number) => read({ number: n })?.text ?? String(n);
  const out: Choice[] = [];
  const sys = tests.find((t) => t.code === SYSTOLIC);
  const dia = tests.find((t) => t.code === DIASTOLIC);
  if (sys || dia) {
    out.push({
      key: BP,
      title: bpTitle,
      count: Math.max(sys?.count ?? 0, dia?.count ?? 0),
      latest: sys && dia ? `${fmt(sys.latestValue)}/${fmt(dia.latestValue)} ${unitLabel(sys.latestUnit)}`.trim() : latestOf(sys ?? dia, read),
      codes: [sys?.code, dia?.code].filter((c): c is string => Boolean(c)),
      byName: false,
    });
  }
  for (const t of tests) {
    if (t.code === SYSTOLIC || t.code === DIASTOLIC) continue;
    out.push({ key: t.code, title: t.title, count: t.count, latest: latestOf(t, read), codes: [t.code], byName: t.byName, ...(t.specimen ? { specimen: t.specimen } : {}) });
  }
  return out;
}

export function Trends() {
  const { t, quantity } = useI18n();
  const profile = useProfile();
  const { revision } = useSession();
  const [tests, setTests] = useState<TrendTest[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    void api.trends.tests({ profileId: profile.id }).then((r) => (r.ok ? setTests(r.value) : setError(r.error)));
  }, [profile.id, revision]);
  const choices = useMemo(() => (tests ? choicesOf(tests, t('bloodPressure'), quantity) : []), [tests, t, quantity]);
  const current = choices.find((c) => c.key === selected) ?? choices[0];
  const viewRef = useRef<HTMLDivElement>(null);
  const choose = useCallback((key: string) => {
    setSelected(key);
    // Where the chart is not beside the list (a narrow window), bring it into view.
    const view = viewRef.current;
    if (view && (view.getBoundingClientRect().top < 0 || view.getBoundingClientRect().top > window.innerHeight - 120)) {
      view.scrollIntoView({ block: 'start' });
    }
  }, []);

  return (
    <section aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title" tabIndex={-1}>
          {t('trendsTitle')}
        </h1>
        <button type="button" onClick={() => setAdding(true)} data-testid="add-reading">
          {t('readingAdd')}
        </button>
      </div>
      {adding && (
        <Dialog title={t('readingAdd')} onClose={() => setAdding(false)}>
          <ReadingForm onDone={() => setAdding(false)} />
        </Dialog>
      )}
      <LoadError error={error} />
      {!tests && !error && <Loading />}
      {tests?.length === 0 && <p className="muted">{t('noTrends')}</p>}
      {choices.length > 0 && (
        <div className="trends-layout">
          <TestList choices={choices} current={current?.key} onChoose={choose} />
          <div className="series-view" id="trend-series" ref={viewRef}>
            {current && <SeriesView choice={current} key={current.key} />}
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * The list of tests, one tab stop (the chosen test) with the arrow keys choosing another, so
 * the chart is one Tab away however many tests there are. Drawn again only when the list or
 * the choice change, never when a chart zooms or redraws.
 */
const TestList = memo(function TestList({ choices, current, onChoose }: { choices: Choice[]; current: string | undefined; onChoose: (key: string) => void }) {
  const { t, title } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);
  const onListKey = (event: KeyboardEvent) => {
    const index = choices.findIndex((c) => c.key === current);
    const to =
      event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? choices.length - 1 : undefined;
    if (to === undefined) return;
    event.preventDefault();
    const next = choices[Math.max(0, Math.min(choices.length - 1, to))]!;
    onChoose(next.key);
    listRef.current?.querySelectorAll('button')[choices.indexOf(next)]?.focus();
  };
  return (
    <nav aria-label={t('chooseTest')} className="test-list">
      <p className="muted small" id="trend-list-hint">
        {t('trendListHint')}
      </p>
      <ul ref={listRef} onKeyDown={onListKey}>
        {choices.map((c) => (
          <li key={c.key}>
            <button
              type="button"
              aria-current={c.key === current ? 'true' : undefined}
              aria-controls="trend-series"
              aria-describedby="trend-list-hint"
              tabIndex={c.key === current ? 0 : -1}
              onClick={() => onChoose(c.key)}
            >
              <span className="entry-title">{title(c.title)}</span>
              {c.specimen && <span className="small">{t('trendSpecimen', { specimen: c.specimen })}</span>}
              <span className="muted small">
                {t('measurements', { count: c.count })}
                {c.latest ? ` · ${t('latest', { value: c.latest })}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
});

const COLOURS = ['#1f5fa8', '#b2452e'];

/** The chart's plot width in pixels for a container this wide (TrendChart's margins). */
const plotColumns = (width: number) => Math.max(20, Math.min(4000, Math.round(Math.max(300, width) - 76)));

/** A day `days` before `day` (YYYY-MM-DD). */
function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

interface Range {
  from?: string;
  to?: string;
}

const ZOOMS = [
  { key: 'trendZoomAll', days: undefined },
  { key: 'trendZoomYear', days: 365 },
  { key: 'trendZoom3Months', days: 91 },
  { key: 'trendZoomMonth', days: 30 },
  { key: 'trendZoomWeek', days: 7 },
  { key: 'trendZoomDay', days: 1 },
] as const;

/**
 * The stretch of the same length just before (-1) or after (1) the one shown, or undefined
 * when the whole record is shown or nothing lies that way.
 */
function shiftedRange(range: Range, first: string, last: string, direction: -1 | 1): Range | undefined {
  if (range.from === undefined && range.to === undefined) return undefined;
  const firstDay = first.slice(0, 10);
  const lastDay = last.slice(0, 10);
  const from = range.from ?? firstDay;
  const to = range.to ?? lastDay;
  if (direction < 0 ? from <= firstDay : to >= lastDay) return undefined;
  const length = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return { from: daysBefore(from, -direction * length), to: daysBefore(to, -direction * length) };
}

/**
 * Which stretch of time the chart shows: the whole record or the last year, three months,
 * month, week or day of it, and earlier or later by the same length. Each change asks main
 * for that stretch reduced again for the chart's width.
 */
function ZoomBar({ first, last, range, shown, total, onChange }: { first: string; last: string; range: Range; shown: Range; total: number; onChange: (range: Range) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const lastDay = last.slice(0, 10);
  const firstDay = first.slice(0, 10);
  const spanDays = (Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / 86_400_000;
  if (spanDays < 2) return null;
  const earlier = shiftedRange(range, first, last, -1);
  const later = shiftedRange(range, first, last, 1);
  const zoomed = range.from !== undefined || range.to !== undefined;
  return (
    <div className="trend-zoom" role="group" aria-label={t('trendZoom')}>
      {ZOOMS.filter((z) => z.days === undefined || z.days < spanDays).map((z) => {
        const target: Range = z.days === undefined ? {} : { from: daysBefore(lastDay, z.days - 1), to: lastDay };
        const pressed = (target.from ?? '') === (range.from ?? '') && (target.to ?? '') === (range.to ?? '');
        return (
          <button key={z.key} type="button" aria-pressed={pressed} onClick={() => onChange(target)}>
            {t(z.key)}
          </button>
        );
      })}
      {zoomed && (
        <>
          <button type="button" disabled={!earlier} onClick={() => earlier && onChange(earlier)}>
            ← {t('trendEarlier')}
          </button>
          <button type="button" disabled={!later} onClick={() => later && onChange(later)}>
            {t('trendLater')} →
          </button>
        </>
      )}
      {/* What is drawn (the range asked for may still be on its way). */}
      <span className="muted small trend-showing" aria-live="polite">
        {t('trendShowing', { from: i18n.date(shown.from ?? firstDay), to: i18n.date(shown.to ?? lastDay), count: total })}
      </span>
    </div>
  );
}

/** Up to this many points, the chart's own table lists them; above, the table is read from main a page at a time. */
const LOCAL_TABLE_UP_TO = 200;

/** Every value of a series in the range, newest first, a page at a time (trends.table). */
function PagedTable({ lines, range }: { lines: { code: string; label: string; unit: string; ucum: string; loincs: string[] }[]; range: Range }) {
  const i18n = useI18n();
  const { t, units, glucose } = i18n;
  const profile = useProfile();
  const PAGE = 100;
  const [open, setOpen] = useState(false);
  const [line, setLine] = useState(0);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<TrendTablePage | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const { code, ucum, loincs } = lines[Math.min(line, lines.length - 1)]!;
  useEffect(() => setOffset(0), [range, line]);
  useEffect(() => {
    if (!open) return;
    void api.trends.table({ profileId: profile.id, code, ...range, offset, limit: PAGE }).then((r) => (r.ok ? setPage({ ...r.value, points: pointsInReadersUnits(r.value.points, ucum, loincs, { units, glucose }) }) : setError(r.error)));
  }, [open, profile.id, code, ucum, loincs, range, offset, units, glucose]);
  return (
    <details className="trend-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('showTable')}</summary>
      <LoadError error={error} />
      {lines.length > 1 && (
        <div className="trend-zoom" role="group">
          {lines.map((l, i) => (
            <button key={l.code} type="button" aria-pressed={i === line} onClick={() => setLine(i)}>
              {l.label}
            </button>
          ))}
        </div>
      )}
      {open && page && (
        <>
          <p className="muted small">
            {t('trendTableRows', { from: i18n.number(Math.min(page.total, page.offset + 1)), to: i18n.number(page.offset + page.points.length), total: i18n.number(page.total) })}
          </p>
          <table>
            <caption>{t('tableOf', { title: lines[line]!.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('value')}</th>
                <th scope="col">{t('range')}</th>
                <th scope="col">{t('sources')}</th>
              </tr>
            </thead>
            <tbody>
              {page.points.map((p) => (
                <tr key={`${p.entryId}-${p.date}`}>
                  <td>{i18n.date(p.date)}</td>
                  <ValueCell p={p} unit={lines[line]!.unit} of={valuesOf(loincs)} />
                  <td>{rangeText(i18n, p.low, p.high, lines[line]!.unit)}</td>
                  <td>{p.sources.map((s) => i18n.provider(s)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="trend-zoom">
            <button type="button" disabled={page.offset === 0} onClick={() => setOffset(Math.max(0, page.offset - PAGE))}>
              ← {t('trendTableNewer')}
            </button>
            <button type="button" disabled={page.offset + page.points.length >= page.total} onClick={() => setOffset(page.offset + PAGE)}>
              {t('trendTableOlder')} →
            </button>
          </div>
        </>
      )}
    </details>
  );
}

/** Glucose in blood and glucose in body fluid (a sensor) as two labelled lines of one chart. */
function bySpecimen(s: TrendSeries, t: I18n['t']): { label: string; series: TrendSeries; thin: boolean }[] | undefined {
  const fluid = s.points.filter((p) => p.specimen === 'fluid');
  if (fluid.length === 0 || fluid.length === s.points.length) return undefined;
  return [
    { label: t('trendBloodSeries'), series: { ...s, points: s.points.filter((p) => p.specimen !== 'fluid') }, thin: false },
    { label: t('trendFluidSeries'), series: { ...s, points: fluid, referenceBands: [] }, thin: true },
  ];
}

/** A series as drawn, with the range it was asked for (the zoom bar may already ask for another). */
interface Drawn {
  series: TrendSeries[];
  range: Range;
}

function SeriesView({ choice }: { choice: Choice }) {
  const i18n = useI18n();
  const { t, units, glucose, title } = i18n;
  const profile = useProfile();
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [range, setRange] = useState<Range>({});
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = boxRef.current;
    if (el) setWidth(Math.round(el.getBoundingClientRect().width) || 720);
  }, []);
  const columns = width === null ? undefined : plotColumns(width);
  useEffect(() => {
    if (columns === undefined) return;
    let current = true;
    void Promise.all(choice.codes.map((code) => api.trends.series({ profileId: profile.id, code, columns, ...range }))).then((rs) => {
      // A later zoom asked for another range meanwhile: its answer is the one drawn.
      if (!current) return;
      const failed = rs.find((r) => !r.ok);
      if (failed && !failed.ok) return setError(failed.error);
      const series = rs.flatMap((r) => (r.ok ? [seriesInReadersUnits(r.value, { units, glucose })] : []));
      // Drawing may take several frames' worth of work: React does it in slices, between
      // which the page still scrolls and answers clicks.
      startTransition(() => setDrawn({ series, range }));
    });
    return () => {
      current = false;
    };
  }, [choice, profile.id, units, glucose, columns, range]);
  const series = drawn?.series ?? null;
  // The chart's lines are the same objects until another series is drawn, so a click on the
  // zoom bar (or anything else that renders this view) does not lay the chart out again.
  const lines = useMemo<ChartSeries[] | undefined>(() => {
    if (!series) return undefined;
    const split = series.length === 1 ? bySpecimen(series[0]!, t) : undefined;
    return split
      ? split.map((part, i) => ({ label: part.label, colour: COLOURS[i % COLOURS.length]!, series: part.series, thin: part.thin }))
      : series.map((s, i) => ({
          label: choice.key === BP ? (s.code === SYSTOLIC ? t('systolic') : t('diastolic')) : title(s.title),
          colour: COLOURS[i % COLOURS.length]!,
          series: s,
        }));
  }, [series, choice.key, t, title]);
  const measure = <div ref={boxRef} className="trend-measure" />;
  if (error) return <LoadError error={error} />;
  if (!drawn || !series || !lines) return (
    <>
      {measure}
      <Loading />
    </>
  );
  const split = lines.some((l) => l.thin);
  const undrawn = series.flatMap((s) => s.skipped.map((u) => ({ u, label: series.length > 1 ? lines[series.indexOf(s)]!.label : undefined })));
  // A unit Chartkeeper wrote itself (steps) in the reader's language, unless converted to theirs.
  const first = series[0];
  const unit = first ? (first.unitLabel === unitLabel(first.unit) ? unitLabelIn(first.unit, i18n.locale) : first.unitLabel) : '';
  const whole = series.find((s) => s.first && s.last);
  // PageUp and PageDown on the chart: the stretch before or after, as Earlier and Later.
  const page = (direction: -1 | 1) => {
    const next = whole ? shiftedRange(range, whole.first!, whole.last!, direction) : undefined;
    if (next) setRange(next);
    return next !== undefined;
  };
  // A long series' table is read a page at a time, so opening it or zooming with it open never renders thousands of rows.
  const paged = series.some((s) => s.reduced || s.total > s.points.length || s.points.length > LOCAL_TABLE_UP_TO);
  return (
    <>
      {measure}
      <h2>{title(choice.title)}</h2>
      {choice.specimen && <p className="small">{t('trendSpecimen', { specimen: choice.specimen })}</p>}
      {choice.byName && <p className="muted small">{t('trendByName')}</p>}
      <TrendChart
        lines={lines}
        domain={drawn.range}
        onPage={page}
        {...(whole ? { zoom: <ZoomBar first={whole.first!} last={whole.last!} range={range} shown={drawn.range} total={Math.max(...series.map((s) => s.total))} onChange={setRange} /> } : {})}
        {...(paged ? { pagedTable: <PagedTable lines={series.map((s) => ({ code: s.code, unit: s.unitLabel, ucum: s.unit, loincs: s.loincs, label: choice.key === BP ? (s.code === SYSTOLIC ? t('systolic') : t('diastolic')) : title(s.title) }))} range={range} /> } : {})}
      />
      {split && <p className="muted small">{t('trendFluidNote')}</p>}
      {undrawn.length > 0 && (
        <section className="trend-undrawn" aria-labelledby="trend-undrawn-title">
          <h3 id="trend-undrawn-title">{t('trendUndrawnTitle', { count: undrawn.length })}</h3>
          <ul>
            {undrawn.map(({ u, label }) => (
              <li key={`${label ?? ''}-${u.entryId}`}>
                <span className="undrawn-date">{u.date ? i18n.date(u.date) : t('noDate')}</span>
                {label && <span> · {label}</span>}
                {' · '}
                <span className="undrawn-value">{asWritten(u, t) ?? t('trendNoValue')}</span>
                {' — '}
                {undrawnReason(i18n, u, unit)}
                {u.sources.length > 0 && <span className="muted"> ({u.sources.map((p) => i18n.provider(p)).join(', ')})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The value and unit as the source wrote them, in the reader's quotation marks: "“<0.5” mg/dL". */
function asWritten(u: TrendUndrawn, t: I18n['t']): string | undefined {
  if (u.value === undefined && u.unit === undefined) return undefined;
  return `${u.value !== undefined ? t('quoted', { text: u.value }) : ''}${u.unit ? ` ${u.unit}` : ''}`.trim();
}

/** Why a value is not drawn, in the reader's language. */
function undrawnReason(i18n: I18n, u: TrendUndrawn, chartUnit: string): string {
  const { t } = i18n;
  // The chart's unit as the reader sees it (their unit system), else the series' own.
  const display = chartUnit || (u.displayUnit ? unitLabel(u.displayUnit) : '');
  const unit = u.unit ? unitLabel(u.unit) : '';
  switch (u.why) {
    case 'no-date':
      return t('undrawn_noDate');
    case 'no-value':
      return t('undrawn_noValue');
    case 'not-a-number':
      return t('undrawn_notNumber');
    case 'no-unit':
      return t('undrawn_noUnit', { unit: display });
    case 'unit-vs-none':
      return t('undrawn_unitVsNone', { unit });
    case 'unknown-unit':
      return t('undrawn_unknownUnit', { unit: u.unit ?? '', to: display });
    case 'needs-molecular-weight':
      return t('undrawn_needsWeight', { unit, to: display });
    case 'not-convertible':
      return t('undrawn_notConvertible', { unit, to: display });
  }
}
