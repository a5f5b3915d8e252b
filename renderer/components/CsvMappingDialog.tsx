// The column-mapping dialog for a CSV whose layout Chartkeeper does not know: the person says
// what each column holds, answers the two questions nothing in a file can settle (is a comma a
// decimal mark; in which zone were times without one taken), sees the first lines as they
// would be stored, and imports; the mapping is saved under a name for the next such file.
import { useEffect, useMemo, useState } from 'react';
import type { ContractError, CsvLayoutView, CsvMapping, CsvPreview, InputOf } from '../../preload/contract.ts';
import { MEASURES, measureOf, type MeasureId } from '../../main/records/readable/measures.ts';
import { unitLabel } from '../../main/records/readable/index.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { skippedReason } from '../i18n/import-errors.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorText, Loading } from './Status.tsx';
import { suggestedOrder } from '../home-input.ts';

type FileInput = InputOf<'csv.layout'>['file'];
type Role = 'ignore' | 'date' | 'time' | 'zone' | 'unit' | MeasureId;
type Order = CsvMapping['date']['order'];
type ZoneAnswer = '' | 'local' | 'utc' | 'computer';

const ORDERS: readonly Order[] = ['ymd', 'dmy', 'mdy', 'epoch-s', 'epoch-ms'];

function computerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function rolesFrom(mapping: CsvMapping, width: number): Role[] {
  const roles: Role[] = Array.from({ length: width }, () => 'ignore');
  roles[mapping.date.column] = 'date';
  if (mapping.time) roles[mapping.time.column] = 'time';
  if (mapping.zone && 'column' in mapping.zone) roles[mapping.zone.column] = 'zone';
  for (const v of mapping.values) {
    roles[v.column] = v.measure;
    if ('column' in v.unit) roles[v.unit.column] = 'unit';
  }
  return roles;
}

export function CsvMappingDialog({ file, fileName, onClose, onImport }: { file: FileInput; fileName: string; onClose: () => void; onImport: (mapping: CsvMapping) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [layout, setLayout] = useState<CsvLayoutView | null>(null);
  const [error, setError] = useState<ContractError | string | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [order, setOrder] = useState<Order | ''>('');
  const [units, setUnits] = useState<Record<number, string>>({});
  const [zone, setZone] = useState<ZoneAnswer>('');
  const [decimal, setDecimal] = useState<'' | ',' | '.'>('');
  const [name, setName] = useState(fileName.replace(/\.[^.]+$/, '').slice(0, 100));
  const [save, setSave] = useState(true);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [busy, setBusy] = useState(false);

  function startFrom(saved: CsvMapping, width: number) {
    setRoles(rolesFrom(saved, width));
    setOrder(saved.date.order);
    setUnits(Object.fromEntries(saved.values.map((v) => [v.column, 'fixed' in v.unit ? v.unit.fixed : '@column'])));
    setZone(!saved.zone || 'column' in saved.zone ? '' : 'local' in saved.zone ? 'local' : 'utc' in saved.zone ? 'utc' : 'computer');
    setDecimal(saved.decimal ?? '');
    setName(saved.name);
    setSave(false);
  }

  useEffect(() => {
    void api.csv.layout({ file }).then((r) => {
      if (!r.ok) return setError(r.error);
      setLayout(r.value);
      const first = r.value.mappings[0];
      if (first) startFrom(first, r.value.header.length);
      else setRoles(r.value.header.map(() => 'ignore'));
    });
    // Read once: the file does not change while the dialog is open.
  }, []);

  const dateColumn = roles.indexOf('date');
  const timeColumn = roles.indexOf('time');
  const zoneColumn = roles.indexOf('zone');
  const unitColumn = roles.indexOf('unit');
  const dateValues = layout && dateColumn >= 0 ? layout.sample.map((r) => r[dateColumn] ?? '') : [];
  const suggested = suggestedOrder(dateValues);
  useEffect(() => {
    if (suggested && !order) setOrder(suggested);
  }, [suggested, order]);
  const epoch = order === 'epoch-s' || order === 'epoch-ms';
  const hasTime = timeColumn >= 0 || dateValues.some((v) => /\d:\d\d/.test(v));
  const askZone = hasTime && !epoch && zoneColumn < 0;
  const askDecimal = layout?.decimalCommas === true;

  const mapping = useMemo((): { ok: CsvMapping } | { missing: string } => {
    if (!layout) return { missing: '' };
    if (dateColumn < 0) return { missing: t('csvNeedDate') };
    if (!order) return { missing: t('csvNeedOrder') };
    const values = roles.flatMap((role, column) => {
      if (role === 'ignore' || role === 'date' || role === 'time' || role === 'zone' || role === 'unit') return [];
      const m = measureOf(role);
      const chosen = units[column] ?? (unitColumn >= 0 ? '@column' : m.units[0]!.ucum);
      return [{ column, measure: role, unit: chosen === '@column' && unitColumn >= 0 ? { column: unitColumn } : { fixed: chosen === '@column' ? m.units[0]!.ucum : chosen } }];
    });
    if (values.length === 0) return { missing: t('csvNeedValue') };
    if (askZone && !zone) return { missing: t('csvNeedZone') };
    if (askDecimal && !decimal) return { missing: t('csvNeedDecimal') };
    if (!name.trim()) return { missing: t('csvNeedName') };
    const zoneRule: CsvMapping['zone'] =
      zoneColumn >= 0 ? { column: zoneColumn } : zone === 'local' ? { local: true } : zone === 'utc' ? { utc: true } : zone === 'computer' ? { iana: computerZone() } : undefined;
    return {
      ok: {
        name: name.trim(),
        header: layout.header,
        delimiter: layout.delimiter,
        date: { column: dateColumn, order },
        ...(timeColumn >= 0 ? { time: { column: timeColumn } } : {}),
        ...(zoneRule ? { zone: zoneRule } : {}),
        ...(decimal ? { decimal } : {}),
        values,
      },
    };
  }, [layout, roles, order, units, zone, decimal, name, dateColumn, timeColumn, zoneColumn, unitColumn, askZone, askDecimal, t]);

  // The preview follows the choices as they are made.
  useEffect(() => {
    if (!('ok' in mapping)) return setPreview(null);
    let live = true;
    void api.csv.preview({ file, mapping: mapping.ok, limit: 8 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setPreview(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [mapping, file]);

  async function importNow() {
    if (!('ok' in mapping)) return;
    setBusy(true);
    if (save) {
      const saved = await api.csv.saveMapping({ mapping: mapping.ok, replace: layout?.mappings.some((m) => m.name === mapping.ok.name) ?? false });
      if (!saved.ok) {
        setBusy(false);
        return setError(saved.error);
      }
    }
    setBusy(false);
    onImport(mapping.ok);
  }

  const setRole = (column: number, role: Role) => setRoles((rs) => rs.map((r, i) => (i === column ? role : r === role && role !== 'ignore' && !MEASURES.some((m) => m.id === role) ? 'ignore' : r)));
  // The catalogue's words in both languages (they name the line); main's own sentence only when not recognised, in English.
  const reasonWords = (reason: string) => {
    const said = skippedReason(reason);
    return said.key === 'reason_other' && i18n.lang === 'en' ? reason : t(said.key, said.vars);
  };

  return (
    <Dialog title={t('csvTitle', { file: fileName })} onClose={onClose} wide>
      {!layout && !error && <Loading />}
      {layout && (
        <div className="csv-mapping stack">
          <p>{t('csvIntro')}</p>
          {layout.bannerLines > 0 && <p className="muted small">{t('csvBanner', { count: layout.bannerLines })}</p>}
          {layout.mappings.length > 0 && (
            <p className="notice">
              {t('csvSavedFits')}{' '}
              {layout.mappings.map((m) => (
                <button key={m.name} type="button" className="link-button" onClick={() => startFrom(m, layout.header.length)}>
                  {m.name}
                </button>
              ))}
            </p>
          )}
          <div className="table-scroll">
            <table className="csv-columns">
              <thead>
                <tr>
                  {layout.header.map((h, i) => (
                    <th key={i} scope="col">
                      <span className="csv-header">{h || t('csvUnnamedColumn', { number: i + 1 })}</span>
                      <select aria-label={t('csvColumnRole', { column: h || String(i + 1) })} value={roles[i] ?? 'ignore'} onChange={(e) => setRole(i, e.target.value as Role)} data-testid={`csv-role-${i}`}>
                        <option value="ignore">{t('csvRoleIgnore')}</option>
                        <option value="date">{t('csvRoleDate')}</option>
                        <option value="time">{t('csvRoleTime')}</option>
                        <option value="zone">{t('csvRoleZone')}</option>
                        <option value="unit">{t('csvRoleUnit')}</option>
                        <optgroup label={t('csvRoleMeasures')}>
                          {MEASURES.map((m) => (
                            <option key={m.id} value={m.id}>
                              {t(`measure_${m.id}`)}
                            </option>
                          ))}
                        </optgroup>
                      </select>
                      {MEASURES.some((m) => m.id === roles[i]) && (
                        <select aria-label={t('csvUnitOf', { column: h || String(i + 1) })} value={units[i] ?? (unitColumn >= 0 ? '@column' : measureOf(roles[i] as MeasureId).units[0]!.ucum)} onChange={(e) => setUnits((u) => ({ ...u, [i]: e.target.value }))} data-testid={`csv-unit-${i}`}>
                          {unitColumn >= 0 && <option value="@column">{t('csvUnitFromColumn', { column: layout.header[unitColumn] ?? '' })}</option>}
                          {measureOf(roles[i] as MeasureId).units.map((u) => (
                            <option key={u.ucum} value={u.ucum}>
                              {unitLabel(u.ucum) || u.ucum}
                            </option>
                          ))}
                        </select>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {layout.sample.slice(0, 4).map((row, r) => (
                  <tr key={r}>
                    {layout.header.map((_, c) => (
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {dateColumn >= 0 && (
            <label>
              {t('csvDateOrder', { example: dateValues[0] ?? '' })}
              <select value={order} onChange={(e) => setOrder(e.target.value as Order)} data-testid="csv-order">
                {!order && <option value="">{t('csvChoose')}</option>}
                {ORDERS.map((o) => (
                  <option key={o} value={o}>
                    {t(`csvOrder_${o}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {askZone && (
            <fieldset className="question" data-testid="csv-zone">
              <legend>{t('csvZoneQuestion')}</legend>
              {(['local', 'computer', 'utc'] as const).map((z) => (
                <label key={z} className="check">
                  <input type="radio" name="csv-zone" checked={zone === z} onChange={() => setZone(z)} /> {t(`csvZone_${z}`, { zone: computerZone() })}
                </label>
              ))}
            </fieldset>
          )}
          {askDecimal && (
            <fieldset className="question" data-testid="csv-decimal">
              <legend>{t('csvDecimalQuestion')}</legend>
              <label className="check">
                <input type="radio" name="csv-decimal" checked={decimal === ','} onChange={() => setDecimal(',')} /> {t('csvDecimalComma')}
              </label>
              <label className="check">
                <input type="radio" name="csv-decimal" checked={decimal === '.'} onChange={() => setDecimal('.')} /> {t('csvDecimalPoint')}
              </label>
            </fieldset>
          )}
          <div className="field-row">
            <label>
              {t('csvName')}
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
            </label>
            <label className="check">
              <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} /> {t('csvSave')}
            </label>
          </div>
          <section aria-labelledby="csv-preview-title">
            <h3 id="csv-preview-title">{t('csvPreview')}</h3>
            {'missing' in mapping ? (
              <p className="muted">{mapping.missing}</p>
            ) : !preview ? (
              <Loading />
            ) : (
              <>
                <p className="muted small">{t('csvPreviewOf', { shown: preview.rows.length, total: preview.total })}</p>
                <ul className="csv-preview" data-testid="csv-preview">
                  {preview.rows.map((row) => (
                    <li key={row.line} className={row.refused ? 'refused-line' : undefined}>
                      {!row.refused && (
                        <>
                          <span className="muted small">{t('csvLine', { line: row.line })}</span>{' '}
                        </>
                      )}
                      {row.refused
                        ? reasonWords(row.refused)
                        : row.readings.map((x, i) => (
                            <span key={i} className="csv-reading">
                              {i18n.title(x.title)}: <strong>{`${i18n.lang === 'es' ? x.value.replace('.', ',') : x.value} ${unitLabel(x.unit)}`.trim()}</strong> · {i18n.date(x.date)}
                            </span>
                          ))}
                      {row.check && <span className="tag">{t('csvCheck')}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <div className="button-row">
            <button type="button" className="button-primary" disabled={!('ok' in mapping) || busy} onClick={() => void importNow()} data-testid="csv-import">
              {t('csvImport')}
            </button>
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorText error={error} />
    </Dialog>
  );
}
