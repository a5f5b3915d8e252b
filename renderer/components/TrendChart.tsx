// A hand-written SVG line chart: one or more series over time, the sources' normal ranges as
// a band, and each point flagged in the one vocabulary of abnormal results (a shape that
// matches the flag's icon, its colour, and its word in the tooltip and table, never colour
// alone). The SVG is drawn at the pixel width it is shown at, so its text is the page's size at
// any window width. Every point can be read by hovering or by keyboard: one point is in the tab
// order and the arrow keys move between points, each announced with its value, date, flag,
// range and source. The same values are also a table for anyone who prefers numbers.
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { TrendPoint } from '../../preload/contract.ts';
import { FLAG_ICONS, formatAxisTick, isCritical, isGlucose, unitJoinsNumber, unitLabel, type AbnormalFlag, type ValueOf } from '../../main/records/readable/index.ts';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { ResultFlag } from './records.tsx';
import { layout, PAD, type ChartSeries, type Geometry, type Placed } from './trend-layout.ts';

export type { ChartSeries } from './trend-layout.ts';

/** A point's value as its source gave it, read like every other value (the reader's unit system, glucose unit). */
function reading(i18n: I18n, p: TrendPoint, of: ValueOf) {
  return i18n.quantity({ number: p.originalValue, ...(p.originalUnit ? { unit: p.originalUnit } : {}) }, of);
}
function asRecorded(i18n: I18n, p: TrendPoint, of: ValueOf): string {
  return reading(i18n, p, of)?.text ?? '';
}

/** What a line's values are of, where that decides how they read (glucose follows its own setting). */
export function valuesOf(loincs: readonly string[]): ValueOf {
  return isGlucose(loincs) ? GLUCOSE : NOTHING;
}
const GLUCOSE: ValueOf = { glucose: true };
const NOTHING: ValueOf = {};

/**
 * A table's value: as recorded, and for a daily summary its lowest and highest reading and
 * how many there were (in the chart's unit, as the summary's range is drawn).
 */
export function valueCell(i18n: I18n, p: TrendPoint, unit: string, of: ValueOf): string {
  if (!p.readings) return asRecorded(i18n, p, of);
  const u = (v: number) => `${i18n.number(Number(v.toPrecision(4)))}${unit ? (unitJoinsNumber(unit) ? unit : ` ${unit}`) : ''}`;
  return i18n.t('trendSummaryValue', { mean: asRecorded(i18n, p, of), min: u(p.readings.min), max: u(p.readings.max), count: i18n.number(p.readings.count) });
}

/** A table's value cell: the value (valueCell) and its flag in words. */
export function ValueCell({ p, unit, of }: { p: TrendPoint; unit: string; of: ValueOf }) {
  const i18n = useI18n();
  return (
    <td>
      {valueCell(i18n, p, unit, of)}
      {p.flag ? (
        <>
          {' '}
          <ResultFlag flag={p.flag} />
        </>
      ) : null}
    </td>
  );
}

/** "109.8 kg (recorded as 242 lb)" where the reader's unit system converted it. */
function withWritten(i18n: I18n, p: TrendPoint, of: ValueOf): string {
  const read = reading(i18n, p, of);
  return read?.asWritten ? `${read.text} (${i18n.t('recordedAs', { value: read.asWritten })})` : (read?.text ?? '');
}

/**
 * The value as the chart draws it, when the series converted it into another unit (glucose
 * in mmol/L on a mg/dL chart); undefined when it reads the same as the source's value.
 */
function drawnAs(i18n: I18n, p: TrendPoint, unit: string, of: ValueOf): string | undefined {
  const read = reading(i18n, p, of);
  if (read?.asWritten) return undefined;
  const even = (u: string | undefined) => unitLabel(u).replace(/\s/g, '').toLowerCase();
  if (even(p.originalUnit) === even(unit) || unitLabel(p.originalUnit) === unit) return undefined;
  return `${i18n.number(p.value)}${unit ? (unitJoinsNumber(unit) ? unit : ` ${unit}`) : ''}`;
}

/** The normal range in the chart's unit: "3.5–5 mmol/L", "≤ 5.6 %", "≥ 60 mL/min/1.73 m²". */
export function rangeText(i18n: I18n, low: number | undefined, high: number | undefined, unit: string): string {
  const u = unit ? (unitJoinsNumber(unit) ? unit : ` ${unit}`) : '';
  if (low !== undefined && high !== undefined) return `${i18n.number(low)}–${i18n.number(high)}${u}`;
  if (high !== undefined) return `≤ ${i18n.number(high)}${u}`;
  if (low !== undefined) return `≥ ${i18n.number(low)}${u}`;
  return '';
}

/** Everything a person can learn about one point, in one sentence for a screen reader. */
function pointSentence(i18n: I18n, item: Placed, unit: string, withLabel: boolean): string {
  const { t } = i18n;
  const { p, line } = item;
  const of = valuesOf(line.series.loincs);
  const drawn = drawnAs(i18n, p, unit, of);
  const parts = [`${withLabel ? `${line.label}, ` : ''}${i18n.date(p.date)}: ${p.readings ? valueCell(i18n, p, unit, of) : withWritten(i18n, p, of)}${drawn ? ` (${t('trendShownAs', { value: drawn })})` : ''}`];
  if (p.flag) parts.push(t(`flag_${p.flag}`));
  const range = rangeText(i18n, p.low, p.high, unit);
  if (range) parts.push(t('trendNormalRange', { range }));
  if (p.sources.length) parts.push(t('trendFrom', { sources: p.sources.map((s) => i18n.provider(s)).join(', ') }));
  return parts.join('. ');
}

/** The key events of the chart itself (a line drawn as one path), not of a mark. */
const WALKER = '\u0000walker';

/**
 * What the live region says when the arrow keys reach a point: its sentence, where it is
 * among the points walked, and when the mark stands for many readings (a daily summary, or a
 * point kept to draw a reduced line).
 */
function walkSentence(i18n: I18n, item: Placed, index: number, total: number, unit: string, withLabel: boolean): string {
  const { t } = i18n;
  const { p, line } = item;
  const parts = [pointSentence(i18n, item, unit, withLabel), t('trendWalkPosition', { n: i18n.number(index + 1), total: i18n.number(total) })];
  if (p.readings) parts.push(t('trendWalkDaySummary', { count: p.readings.count }));
  if (line.series.reduced) parts.push(t('trendWalkReducedPoint', { count: line.series.total }));
  return `${parts.join('. ')}.`;
}

/** The point's mark: a circle, or the flag's shape (▲ high, ▼ low, ◆ abnormal), larger when critical. */
function Mark({ flag, cx, cy, colour }: { flag: AbnormalFlag | undefined; cx: number; cy: number; colour: string }) {
  if (!flag) return <circle cx={cx} cy={cy} r={5} fill={colour} className="trend-point" />;
  const s = isCritical(flag) ? 9 : 7;
  const cls = `trend-point-out ${isCritical(flag) ? 'trend-point-critical' : 'trend-point-abnormal'}`;
  const icon = FLAG_ICONS[flag];
  const d = icon.startsWith('▲')
    ? `M${cx},${cy - s} L${cx + s},${cy + s * 0.75} L${cx - s},${cy + s * 0.75} Z`
    : icon.startsWith('▼')
      ? `M${cx},${cy + s} L${cx + s},${cy - s * 0.75} L${cx - s},${cy - s * 0.75} Z`
      : `M${cx},${cy - s} L${cx + s},${cy} L${cx},${cy + s} L${cx - s},${cy} Z`;
  return <path className={cls} d={d} data-flag={flag} data-out-of-range="true" />;
}

/**
 * The chart's width in CSS pixels, following its container; null until measured, so a long
 * series is drawn once at its real width rather than first at a guessed one.
 */
function useWidth(): [RefObject<HTMLDivElement | null>, number | null] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.round(el.getBoundingClientRect().width) || 720);
    const observer = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** What a point tells its chart: hovered, focused, left, or an arrow key to move on. */
interface PointEvents {
  hover(key: string | null): void;
  focus(key: string): void;
  blur(key: string): void;
  key(event: KeyboardEvent, key: string): void;
  mark(key: string, el: SVGGElement | null): void;
}

/**
 * `pagedTable`: the table of every value, read page by page from main, for a series too long
 * to hand over whole (it replaces the table of the points drawn). `zoom`: the controls of the
 * time shown, under the chart.
 */
export function TrendChart({
  lines,
  pagedTable,
  zoom,
  domain,
  onPage,
}: {
  lines: ChartSeries[];
  pagedTable?: ReactNode;
  zoom?: ReactNode;
  domain?: { from?: string; to?: string };
  /** PageUp (-1) and PageDown (1): show the stretch of time before or after this one, if there is one (false otherwise). */
  onPage?: (direction: -1 | 1) => boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const tipId = useId();
  const [boxRef, boxWidth] = useWidth();
  const [hovered, setHovered] = useState<Placed | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  // On a line drawn as one path, the chart itself is the tab stop and the arrow keys move this
  // cursor over every point drawn; each is said through the live region.
  const [cursor, setCursor] = useState<Placed | null>(null);
  const [walking, setWalking] = useState(false);
  const [said, setSaid] = useState('');
  // Escape hides the tooltip of the point it was shown for, until another is hovered or focused.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const shownFor = hovered?.key ?? focused ?? (walking ? (cursor?.key ?? null) : null);
  // Escape hides the tooltip wherever the pointer or focus is (WCAG 1.4.13).
  useEffect(() => {
    if (shownFor === null) return;
    const hide = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') setDismissed(shownFor);
    };
    window.addEventListener('keydown', hide);
    return () => window.removeEventListener('keydown', hide);
  }, [shownFor]);
  const from = domain?.from;
  const to = domain?.to;
  const geometry = useMemo(() => (boxWidth === null ? undefined : layout(lines, boxWidth, { from, to })), [lines, boxWidth, from, to]);
  const [tableOpen, setTableOpen] = useState(false);
  // Handlers that never change and a tab stop kept outside React's state: hovering or moving
  // the focus redraws the tooltip and the focus ring, never the thousands of points.
  const marks = useRef(new Map<string, SVGGElement>());
  const placedRef = useRef<Placed[]>([]);
  placedRef.current = geometry?.placed ?? [];
  const byKeyRef = useRef<Map<string, Placed>>(new Map());
  byKeyRef.current = geometry?.byKey ?? new Map();
  const tabStop = useRef<string | null>(null);
  const walkRef = useRef<() => Placed[]>(() => []);
  walkRef.current = geometry?.walk ?? (() => []);
  const walkerRef = useRef<SVGGElement | null>(null);
  // Where the cursor lands once the stretch PageUp or PageDown asked for is drawn.
  const landing = useRef<'first' | 'last' | null>(null);
  const onPageRef = useRef(onPage);
  onPageRef.current = onPage;
  const sayRef = useRef<(item: Placed, index: number, total: number) => void>(() => {});
  sayRef.current = (item, index, total) => setSaid(walkSentence(i18n, item, index, total, geometry?.unit ?? '', lines.length > 1));
  const cursorKey = useRef<string | null>(null);
  const unmarked = useRef(false);
  unmarked.current = geometry?.unmarked === true;
  // Only the refs: the same function for the life of the chart.
  const makeTabStop = useRef((key: string) => {
    // On a line drawn as one path the chart itself is the tab stop, never a mark.
    if (tabStop.current === key || unmarked.current) return;
    if (tabStop.current) marks.current.get(tabStop.current)?.setAttribute('tabindex', '-1');
    marks.current.get(key)?.setAttribute('tabindex', '0');
    tabStop.current = key;
  }).current;
  const events = useMemo<PointEvents>(() => {
    return {
      hover: (key) => setHovered(key === null ? null : (byKeyRef.current.get(key) ?? null)),
      focus: (key) => {
        makeTabStop(key);
        setFocused(key);
      },
      blur: (key) => setFocused((k) => (k === key ? null : k)),
      mark: (key, el) => {
        if (el) marks.current.set(key, el);
        else marks.current.delete(key);
      },
      key: (event, from) => {
        // Every mark, or on a line drawn as one path every point drawn.
        const marked = from !== WALKER;
        const list = marked ? placedRef.current : walkRef.current();
        if (list.length === 0) return;
        const index = marked ? list.findIndex((item) => item.key === from) : Math.max(0, list.findIndex((item) => item.key === cursorKey.current));
        if (event.key === 'PageUp' || event.key === 'PageDown') {
          const direction = event.key === 'PageUp' ? -1 : 1;
          event.preventDefault();
          if (onPageRef.current?.(direction)) {
            landing.current = direction < 0 ? 'last' : 'first';
            return;
          }
        }
        const to =
          event.key === 'ArrowRight' || event.key === 'ArrowUp'
            ? index + 1
            : event.key === 'ArrowLeft' || event.key === 'ArrowDown'
              ? index - 1
              : event.key === 'Home' || event.key === 'PageUp'
                ? 0
                : event.key === 'End' || event.key === 'PageDown'
                  ? list.length - 1
                  : undefined;
        if (to === undefined) return;
        event.preventDefault();
        const at = Math.max(0, Math.min(list.length - 1, to));
        const next = list[at]!;
        sayRef.current(next, at, list.length);
        if (marked) {
          makeTabStop(next.key);
          marks.current.get(next.key)?.focus();
        } else {
          cursorKey.current = next.key;
          setCursor(next);
        }
      },
    };
  }, [makeTabStop]);
  // A new drawing: after PageUp or PageDown the cursor lands on the new stretch's last or first
  // point (said, and focused); otherwise it stays only where its point is still drawn.
  useEffect(() => {
    if (!geometry) return;
    const list = geometry.unmarked ? geometry.walk() : geometry.placed;
    const land = landing.current;
    if (!land) {
      if (cursorKey.current && !list.some((item) => item.key === cursorKey.current)) {
        cursorKey.current = null;
        setCursor(null);
      }
      return;
    }
    landing.current = null;
    const at = land === 'first' ? 0 : list.length - 1;
    const next = list[at];
    if (!next) return;
    sayRef.current(next, at, list.length);
    if (geometry.unmarked) {
      cursorKey.current = next.key;
      setCursor(next);
      walkerRef.current?.focus();
    } else {
      makeTabStop(next.key);
      marks.current.get(next.key)?.focus();
    }
  }, [geometry, makeTabStop]);
  // A zoomed stretch with nothing in it still offers the way back.
  if (lines.every((l) => l.series.points.length === 0)) return zoom ? <figure className="trend-figure">{zoom}</figure> : null;
  // The container first, measured before the first paint; then the chart at its width.
  if (!geometry) {
    return (
      <figure className="trend-figure">
        <div className="trend-canvas" ref={boxRef} />
      </figure>
    );
  }
  const { W, H, unit, title, placed, byKey } = geometry;
  // The newest point is where a keyboard user starts; a redraw keeps the point they were on.
  if (geometry.unmarked) tabStop.current = null;
  else if (!tabStop.current || !byKey.has(tabStop.current)) tabStop.current = placed.at(-1)?.key ?? null;
  const summaries = lines.some((l) => l.series.points.some((p) => p.readings));
  const reduced = lines.some((l) => l.series.reduced);
  const walked = walking && cursor ? cursor : undefined;
  const active = shownFor === null || shownFor === dismissed ? undefined : (hovered ?? byKey.get(shownFor) ?? (walked?.key === shownFor ? walked : undefined));
  const ring = focused === null ? walked : byKey.get(focused);
  const flagsShown = [...new Set(placed.flatMap((item) => (item.p.flag ? [item.p.flag] : [])))];

  return (
    <figure className="trend-figure">
      <div className="trend-canvas" ref={boxRef}>
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby={titleId} className="trend-chart">
          <title id={titleId}>{t('chartOf', { title })}</title>
          <Axes geometry={geometry} />
          {geometry.unmarked && (
            <g
              ref={walkerRef}
              className="trend-walker"
              tabIndex={0}
              role="img"
              aria-label={t('trendWalkLabel', { title })}
              data-testid="trend-walker"
              onKeyDown={(e) => events.key(e, WALKER)}
              onFocus={() => {
                setWalking(true);
                setDismissed(null);
                if (cursorKey.current) return;
                // The newest point is where a keyboard user starts.
                const list = geometry.walk();
                const start = list.at(-1);
                if (!start) return;
                cursorKey.current = start.key;
                setCursor(start);
                sayRef.current(start, list.length - 1, list.length);
              }}
              onBlur={() => setWalking(false)}
            >
              <rect
                className="trend-hover-area"
                x={PAD.left}
                y={PAD.top}
                width={W - PAD.left - PAD.right}
                height={H - PAD.top - PAD.bottom}
                aria-hidden="true"
                onMouseMove={(e) => {
                  const box = e.currentTarget.ownerSVGElement!.getBoundingClientRect();
                  const item = geometry.nearest(e.clientX - box.left, e.clientY - box.top, 16) ?? null;
                  setHovered((was) => (was?.key === item?.key ? was : item));
                }}
                onMouseLeave={() => setHovered(null)}
              />
            </g>
          )}
          <Points placed={placed} unit={unit} withLabel={lines.length > 1} tabStop={tabStop} events={events} />
          {ring && <circle className="trend-focus-ring" cx={ring.cx} cy={ring.cy} r={12} aria-hidden="true" />}
          {active && !byKey.has(active.key) && <circle className="trend-hover-ring" cx={active.cx} cy={active.cy} r={5} stroke={active.line.colour} aria-hidden="true" />}
        </svg>
        {active && <PointTip id={tipId} item={active} unit={unit} width={W} height={H} withLabel={lines.length > 1} />}
      </div>
      {/* What the arrow keys reached, said by a screen reader (the tooltip shows it on screen). */}
      <p className="visually-hidden" aria-live="polite" data-testid="trend-said">
        {said}
      </p>
      {/* Under the chart: the list of tests, then the chart's points, are each one Tab away. */}
      {zoom}
      <figcaption className="trend-legend">
        {lines.length > 1 &&
          lines.map((l) => (
            <span key={l.label} className="legend-item">
              <span className="legend-swatch" style={{ backgroundColor: l.colour }} aria-hidden="true" /> {l.label}
            </span>
          ))}
        {summaries && (
          <span className="legend-item">
            <span className="legend-swatch legend-range" aria-hidden="true" /> {t('trendSummaryLegend')}
          </span>
        )}
        {geometry.bands.length > 0 && (
          <span className="legend-item">
            <span className="legend-swatch legend-band" aria-hidden="true" /> {t('referenceBand')}
          </span>
        )}
        {flagsShown.map((flag) => (
          <span key={flag} className="legend-item">
            <ResultFlag flag={flag} />
          </span>
        ))}
        <span className="legend-item muted small">{t(geometry.unmarked ? 'trendKeyboardHintWalk' : 'trendKeyboardHint')}</span>
        {reduced && (
          <span className="legend-item muted small trend-reduced-note">
            {t('trendReduced')} {t('trendHoverHint')}
          </span>
        )}
        {!reduced && geometry.unmarked && <span className="legend-item muted small trend-unmarked-note">{t('trendUnmarked')}</span>}
      </figcaption>
      {pagedTable ?? (
      <details className="trend-table" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('showTable')}</summary>
        {/* Rows only once opened: a long series is thousands of them. */}
        <table>
          <caption>{t('tableOf', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('date')}</th>
              {lines.length > 1 && <th scope="col">{t('title')}</th>}
              <th scope="col">{t('value')}</th>
              <th scope="col">{t('range')}</th>
              <th scope="col">{t('sources')}</th>
            </tr>
          </thead>
          <tbody>
            {tableOpen &&
              lines.flatMap((l) =>
              l.series.points.map((p) => (
                <tr key={`${l.label}-${p.entryId}-${p.date}`}>
                  <td>{i18n.date(p.date)}</td>
                  {lines.length > 1 && <td>{l.label}</td>}
                  <ValueCell p={p} unit={unit} of={valuesOf(l.series.loincs)} />
                  <td>{rangeText(i18n, p.low, p.high, unit)}</td>
                  <td>{p.sources.map((s) => i18n.provider(s)).join(', ')}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </details>
      )}
    </figure>
  );
}

/** The band, grid, tick labels, unit and lines: drawn again only when the series or the width change. */
const Axes = memo(function Axes({ geometry }: { geometry: Geometry }) {
  const i18n = useI18n();
  const { W, H, ticks, time, y, xT, unit, bands, paths, ranges } = geometry;
  return (
    <g aria-hidden="true">
      {bands.map((b) => (
        <rect key={b.key} className="trend-band" x={b.x} width={b.width} y={b.y} height={b.height} />
      ))}
      {ticks.map((v) => (
        <g key={v}>
          <line className="trend-grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text className="trend-label" x={PAD.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle">
            {i18n.number(v)}
          </text>
        </g>
      ))}
      {time.ticks.map(({ ms, full }) => {
        const x = xT(ms);
        // A label at the plot's edge is kept inside the chart.
        const anchor = x < PAD.left + 36 ? 'start' : x > W - PAD.right - 36 ? 'end' : 'middle';
        return (
          <g key={ms}>
            <line className="trend-grid" x1={x} x2={x} y1={H - PAD.bottom} y2={H - PAD.bottom + 6} />
            <text className="trend-label trend-time-label" x={x} y={H - PAD.bottom + 22} textAnchor={anchor}>
              {formatAxisTick(ms, time.unit, i18n.locale, full)}
            </text>
          </g>
        );
      })}
      {unit && (
        <text className="trend-label trend-unit" x={4} y={12} dominantBaseline="middle">
          {unit}
        </text>
      )}
      {ranges.map((r) => (
        <path key={`range-${r.key}`} className="trend-summary-range" d={r.d} fill="none" stroke={r.colour} strokeWidth={3} strokeOpacity={0.45} />
      ))}
      {paths.map((p) => (
        <path key={p.key} d={p.d} fill="none" stroke={p.colour} strokeWidth={p.thin ? 1.25 : 2.5} />
      ))}
    </g>
  );
});

// Above this many points they lie closer than a pointer's target anyway: no larger target.
const HIT_AREAS_UP_TO = 800;

/** Every point, drawn again only when the series, the width or the language change. */
const Points = memo(function Points({
  placed,
  unit,
  withLabel,
  tabStop,
  events,
}: {
  placed: Placed[];
  unit: string;
  withLabel: boolean;
  /** Read when drawn; moving the focus changes it and the two points' tabindex directly. */
  tabStop: RefObject<string | null>;
  events: PointEvents;
}) {
  const hit = placed.length <= HIT_AREAS_UP_TO;
  return placed.map((item) => <PointMark key={item.key} item={item} unit={unit} withLabel={withLabel} tabbable={item.key === tabStop.current} hit={hit} events={events} />);
});

/** One point: its mark, a larger target for the pointer, and its sentence for a screen reader. */
function PointMark({ item, unit, withLabel, tabbable, hit, events }: { item: Placed; unit: string; withLabel: boolean; tabbable: boolean; hit: boolean; events: PointEvents }) {
  const i18n = useI18n();
  const { key, cx, cy } = item;
  return (
    <g
      ref={(el) => events.mark(key, el)}
      className="trend-mark"
      role="img"
      aria-label={pointSentence(i18n, item, unit, withLabel)}
      tabIndex={tabbable ? 0 : -1}
      data-testid="trend-point"
      onFocus={() => events.focus(key)}
      onBlur={() => events.blur(key)}
      onKeyDown={(e) => events.key(e, key)}
      onMouseEnter={() => events.hover(key)}
      onMouseLeave={() => events.hover(null)}
    >
      {hit && <circle className="trend-hit" cx={cx} cy={cy} r={11} />}
      <Mark flag={item.p.flag} cx={cx} cy={cy} colour={item.line.colour} />
    </g>
  );
}

/** What hovering or focusing a point shows beside it (its words are the point's own label too). */
function PointTip({ id, item, unit, width, height, withLabel }: { id: string; item: Placed; unit: string; width: number; height: number; withLabel: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { p } = item;
  const of = valuesOf(item.line.series.loincs);
  const read = reading(i18n, p, of);
  const drawn = drawnAs(i18n, p, unit, of);
  const range = rangeText(i18n, p.low, p.high, unit);
  // Beside the point on whichever side has room, above it in the lower half and below it in
  // the upper half, so it covers neither the point nor the axis and legend under the chart.
  const style = {
    ...(item.cy > height / 2 ? { bottom: `${height - item.cy + 10}px` } : { top: `${item.cy + 10}px` }),
    ...(item.cx > width * 0.6 ? { right: `${width - item.cx + 10}px` } : { left: `${item.cx + 10}px` }),
  };
  return (
    <div id={id} className="trend-tip" style={style} aria-hidden="true" data-testid="trend-tip">
      {withLabel && <div className="trend-tip-label">{item.line.label}</div>}
      <div className="trend-tip-value">
        {p.readings ? valueCell(i18n, p, unit, of) : read?.text}
        {p.flag && (
          <>
            {' '}
            <ResultFlag flag={p.flag} />
          </>
        )}
      </div>
      {read?.asWritten && <div className="muted small">{t('recordedAs', { value: read.asWritten })}</div>}
      {drawn && <div className="muted small">{t('trendShownAs', { value: drawn })}</div>}
      <div>{i18n.date(p.date)}</div>
      {range && <div className="small">{t('trendNormalRange', { range })}</div>}
      {p.sources.length > 0 && <div className="small">{t('trendFrom', { sources: p.sources.map((s) => i18n.provider(s)).join(', ') })}</div>}
    </div>
  );
}
