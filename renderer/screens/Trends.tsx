// A chart per test. Systolic and diastolic blood pressure are shown together as one chart.
import { useEffect, useState } from 'react';
import type { ContractError, TrendSeries, TrendTest } from '../../preload/contract.ts';
import { api } from '../api/client.ts';
import { readableUnit } from '../format/units.ts';
import { TrendChart, type ChartSeries } from '../components/TrendChart.tsx';
import { ErrorText, Loading } from '../components/Status.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';

const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';
const BP = 'bp';

interface Choice {
  key: string;
  title: string;
  count: number;
  latest?: string;
  codes: string[];
}

function latestOf(t: TrendTest | undefined, fmt: (n: number) => string): string | undefined {
  return t ? `${fmt(t.latestValue)}${t.latestUnit ? ` ${readableUnit(t.latestUnit)}` : ''}` : undefined;
}

function choicesOf(tests: TrendTest[], bpTitle: string, fmt: (n: number) => string): Choice[] {
  const out: Choice[] = [];
  const sys = tests.find((t) => t.code === SYSTOLIC);
  const dia = tests.find((t) => t.code === DIASTOLIC);
  if (sys || dia) {
    out.push({
      key: BP,
      title: bpTitle,
      count: Math.max(sys?.count ?? 0, dia?.count ?? 0),
      latest: sys && dia ? `${fmt(sys.latestValue)}/${fmt(dia.latestValue)} ${readableUnit(sys.latestUnit) ?? ''}`.trim() : latestOf(sys ?? dia, fmt),
      codes: [sys?.code, dia?.code].filter((c): c is string => Boolean(c)),
    });
  }
  for (const t of tests) {
    if (t.code === SYSTOLIC || t.code === DIASTOLIC) continue;
    out.push({ key: t.code, title: t.title, count: t.count, latest: latestOf(t, fmt), codes: [t.code] });
  }
  return out;
}

export function Trends() {
  const { t, number } = useI18n();
  const profile = useProfile();
  const { revision } = useSession();
  const [tests, setTests] = useState<TrendTest[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    void api.trends.tests({ profileId: profile.id }).then((r) => (r.ok ? setTests(r.value) : setError(r.error)));
  }, [profile.id, revision]);
  const choices = tests ? choicesOf(tests, t('bloodPressure'), number) : [];
  const current = choices.find((c) => c.key === selected) ?? choices[0];

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('trendsTitle')}
      </h1>
      <ErrorText error={error} />
      {!tests && !error && <Loading />}
      {tests?.length === 0 && <p className="muted">{t('noTrends')}</p>}
      {choices.length > 0 && (
        <div className="trends-layout">
          <nav aria-label={t('chooseTest')} className="test-list">
            <ul>
              {choices.map((c) => (
                <li key={c.key}>
                  <button type="button" aria-current={c.key === current?.key ? 'true' : undefined} onClick={() => setSelected(c.key)}>
                    <span className="entry-title">{c.title}</span>
                    <span className="muted small">
                      {t('measurements', { count: c.count })}
                      {c.latest ? ` · ${t('latest', { value: c.latest })}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {current && <SeriesView choice={current} key={current.key} />}
        </div>
      )}
    </section>
  );
}

const COLOURS = ['#1f5fa8', '#b2452e'];

function SeriesView({ choice }: { choice: Choice }) {
  const { t } = useI18n();
  const profile = useProfile();
  const [series, setSeries] = useState<TrendSeries[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  useEffect(() => {
    void Promise.all(choice.codes.map((code) => api.trends.series({ profileId: profile.id, code }))).then((rs) => {
      const failed = rs.find((r) => !r.ok);
      if (failed && !failed.ok) return setError(failed.error);
      setSeries(rs.flatMap((r) => (r.ok ? [r.value] : [])));
    });
  }, [choice, profile.id]);
  if (error) return <ErrorText error={error} />;
  if (!series) return <Loading />;
  const lines: ChartSeries[] = series.map((s, i) => ({
    label: choice.key === BP ? (s.code === SYSTOLIC ? t('systolic') : t('diastolic')) : s.title,
    colour: COLOURS[i % COLOURS.length]!,
    series: s,
  }));
  const skipped = series.reduce((n, s) => n + s.skipped.length, 0);
  return (
    <div className="series-view">
      <h2>{choice.title}</h2>
      <TrendChart lines={lines} />
      {skipped > 0 && <p className="muted small">{t('skippedValues', { count: skipped })}</p>}
    </div>
  );
}
