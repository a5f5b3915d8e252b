// A hand-written SVG line chart: one or more series over time, reference ranges as bands,
// values outside the range marked with a different shape (not colour alone). The same values
// are available as a table for screen readers and anyone who prefers numbers.
import { useId } from 'react';
import type { TrendPoint, TrendSeries } from '../../preload/contract.ts';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { ResultFlag } from './records.tsx';

export interface ChartSeries {
  label: string;
  colour: string;
  series: TrendSeries;
}

const W = 720;
const H = 320;
const PAD = { top: 16, right: 24, bottom: 44, left: 64 };

function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    const d = Math.abs(min) * 0.1 || 1;
    min -= d;
    max += d;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  // From the step at or below min up to the first step at or above max, so no point is clipped.
  for (let v = Math.floor(min / step) * step; ticks.length < 50; v += step) {
    ticks.push(Number(v.toPrecision(12)));
    if (v >= max) break;
  }
  return ticks;
}

const time = (d: string) => Date.parse(d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);

/** A point's value as its source gave it, read like every other value (the reader's unit system). */
function asRecorded(i18n: I18n, p: TrendPoint): string {
  return i18n.quantity({ number: p.originalValue, ...(p.originalUnit ? { unit: p.originalUnit } : {}) })?.text ?? '';
}

export function TrendChart({ lines }: { lines: ChartSeries[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleId = useId();
  const descId = useId();
  const all = lines.flatMap((l) => l.series.points);
  if (all.length === 0) return null;
  const bands = lines.flatMap((l) => l.series.referenceBands);
  const values = [
    ...all.map((p) => p.value),
    ...bands.flatMap((b) => [b.low, b.high].filter((v): v is number => typeof v === 'number')),
  ];
  const times = all.map((p) => time(p.date)).filter((n) => !Number.isNaN(n));
  let tMin = Math.min(...times);
  let tMax = Math.max(...times);
  if (tMin === tMax) {
    tMin -= 86_400_000 * 30;
    tMax += 86_400_000 * 30;
  }
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const yMin = ticks[0]!;
  const yMax = ticks.at(-1)!;
  const x = (d: string) => PAD.left + ((time(d) - tMin) / (tMax - tMin)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - yMin) / (yMax - yMin || 1)) * (H - PAD.top - PAD.bottom);
  const clampT = (d: string) => Math.min(Math.max(time(d), tMin), tMax);
  const xT = (ms: number) => PAD.left + ((ms - tMin) / (tMax - tMin)) * (W - PAD.left - PAD.right);
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => tMin + f * (tMax - tMin));
  const unit = lines[0]?.series.unitLabel || lines[0]?.series.unit;
  const title = lines.map((l) => l.label).join(' / ');
  const outCount = all.filter((p) => p.outOfRange).length;

  return (
    <figure className="trend-figure">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="trend-chart">
        <title id={titleId}>{t('chartOf', { title })}</title>
        <desc id={descId}>
          {lines
            .map((l) => `${l.label}: ${l.series.points.map((p) => `${i18n.date(p.date.slice(0, 10))} ${asRecorded(i18n, p)}`).join(', ')}`)
            .join('. ')}
        </desc>
        {bands.map((b, i) => {
          const x1 = xT(clampT(b.from));
          const x2 = xT(clampT(b.to));
          const top = y(b.high ?? yMax);
          const bottom = y(b.low ?? yMin);
          return <rect key={i} className="trend-band" x={Math.min(x1, x2)} width={Math.max(Math.abs(x2 - x1), 2)} y={top} height={Math.max(bottom - top, 1)} />;
        })}
        {ticks.map((v) => (
          <g key={v}>
            <line className="trend-grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text className="trend-label" x={PAD.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {i18n.number(v)}
            </text>
          </g>
        ))}
        {xTicks.map((ms, i) => (
          <text key={i} className="trend-label" x={xT(ms)} y={H - PAD.bottom + 20} textAnchor={i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}>
            {i18n.date(new Date(ms).toISOString().slice(0, 10))}
          </text>
        ))}
        {unit && (
          <text className="trend-label" x={8} y={PAD.top} dominantBaseline="hanging">
            {unit}
          </text>
        )}
        {lines.map((l) => {
          const pts = [...l.series.points].sort((a, b) => time(a.date) - time(b.date));
          const d = pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
          return (
            <g key={l.label}>
              <path d={d} fill="none" stroke={l.colour} strokeWidth={2.5} />
              {pts.map((p) => (
                <Point key={`${p.entryId}-${p.date}`} p={p} cx={x(p.date)} cy={y(p.value)} colour={l.colour} label={l.label} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="trend-legend">
        {lines.length > 1 &&
          lines.map((l) => (
            <span key={l.label} className="legend-item">
              <span className="legend-swatch" style={{ backgroundColor: l.colour }} aria-hidden="true" /> {l.label}
            </span>
          ))}
        {bands.length > 0 && (
          <span className="legend-item">
            <span className="legend-swatch legend-band" aria-hidden="true" /> {t('referenceBand')}
          </span>
        )}
        {outCount > 0 && <span className="legend-item">◆ {t('outsideRangeMarker')}</span>}
      </figcaption>
      <details className="trend-table">
        <summary>{t('showTable')}</summary>
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
            {lines.flatMap((l) =>
              l.series.points.map((p) => (
                <tr key={`${l.label}-${p.entryId}-${p.date}`}>
                  <td>{i18n.date(p.date.slice(0, 10))}</td>
                  {lines.length > 1 && <td>{l.label}</td>}
                  <td>
                    {asRecorded(i18n, p)}
                    {p.flag ? (
                      <>
                        {' '}
                        <ResultFlag flag={p.flag} />
                      </>
                    ) : null}
                  </td>
                  <td>{p.low !== undefined || p.high !== undefined ? `${p.low === undefined ? '' : i18n.number(p.low)}–${p.high === undefined ? '' : i18n.number(p.high)}` : ''}</td>
                  <td>{p.sources.join(', ')}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Point({ p, cx, cy, colour, label }: { p: TrendPoint; cx: number; cy: number; colour: string; label: string }) {
  const i18n = useI18n();
  const text = `${label} ${i18n.date(p.date.slice(0, 10))}: ${asRecorded(i18n, p)}${p.flag ? ` — ${i18n.t(`flag_${p.flag}`)}` : ''}`;
  if (p.outOfRange) {
    const s = 8;
    return (
      <path className="trend-point-out" d={`M${cx},${cy - s} L${cx + s},${cy} L${cx},${cy + s} L${cx - s},${cy} Z`} data-out-of-range="true">
        <title>{text}</title>
      </path>
    );
  }
  return (
    <circle cx={cx} cy={cy} r={5} fill={colour} className="trend-point">
      <title>{text}</title>
    </circle>
  );
}
