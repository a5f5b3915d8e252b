// One chronological view across every provider, grouped by day. Pages come from the keyset
// cursor as the person scrolls; the list is virtualized so 100,000 entries stay smooth.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ContractError, EntrySearch, InputOf, TimelineItem, TimelinePage } from '../../preload/contract.ts';
import type { EntryKind } from '../../main/records/model.ts';
import { ENTRY_KINDS } from '../kinds.ts';
import { api } from '../api/client.ts';
import { KeptSearchHits } from '../documents/KeptSearchHits.tsx';
import { kindLabel, TimelineRow } from '../components/records.tsx';
import { DateField } from '../components/DateField.tsx';
import { LoadError } from '../components/FileProblem.tsx';
import { TimelineGroup, timelineGroupable, type Shown } from '../components/Groups.tsx';
import { groupEntries, type EntryGroup } from '../../main/records/readable/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { useProfile, useSession } from '../session.ts';

type Filter = NonNullable<InputOf<'timeline.page'>['filter']>;
type Row =
  | { type: 'day'; key: string; day: string | undefined }
  | { type: 'item'; key: string; item: TimelineItem }
  | { type: 'group'; key: string; group: EntryGroup<Shown<TimelineItem>> };
/** Rows a page asks for; also what session.start is asked to bring for the first screen. */
export const PAGE = 200;
/**
 * Search results a page asks for: a few screens' worth. Each row read is a page of the vault
 * to decrypt, and a new word's rows are seldom in memory; the rest come as the person scrolls.
 */
export const SEARCH_PAGE = 100;

/**
 * The newest page of a profile's whole timeline, handed over with the session (session.start)
 * before this screen exists, so its first render already holds its rows: one render and one
 * layout instead of an empty screen, a round trip and a second pass. Used once, by the first
 * screen shown for that profile.
 */
let handedOver: { profileId: string; page: TimelinePage } | null = null;

export function provideFirstPage(profileId: string, page: TimelinePage): void {
  handedOver = { profileId, page };
}

function handedOverPage(profileId: string): TimelinePage | undefined {
  return handedOver?.profileId === profileId ? handedOver.page : undefined;
}

function dayOf(item: TimelineItem): string | undefined {
  return item.date ? item.date.slice(0, 10) : undefined;
}

function toRows(items: TimelineItem[]): Row[] {
  const rows: Row[] = [];
  let start = 0;
  while (start < items.length) {
    const day = dayOf(items[start]!);
    let end = start + 1;
    while (end < items.length && dayOf(items[end]!) === day) end++;
    rows.push({ type: 'day', key: `d:${day ?? 'none'}:${rows.length}`, day });
    // A lab panel's components and a visit's vital signs read as one group (readable/groups.ts).
    for (const group of groupEntries(items.slice(start, end).map(timelineGroupable))) {
      const only = group.lines.length === 1 ? group.lines[0] : undefined;
      if (only?.type === 'entry') rows.push({ type: 'item', key: `i:${only.entry.id}`, item: only.entry.item });
      else rows.push({ type: 'group', key: `g:${group.key}`, group });
    }
    start = end;
  }
  return rows;
}

export function Timeline() {
  const i18n = useI18n();
  const { t } = i18n;
  const profile = useProfile();
  const { revision } = useSession();
  const [kind, setKind] = useState<EntryKind | ''>('');
  const [provider, setProvider] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [showHidden, setShowHidden] = useState(false);
  const [providers, setProviders] = useState<string[]>([]);
  const [searchText, setSearchText] = useState('');
  const [documentHits, setDocumentHits] = useState(0);
  const [activeSearch, setActiveSearch] = useState('');
  // How many matches were ranked when a search ranked only those added last (EntrySearch).
  const [newestOnly, setNewestOnly] = useState<number | undefined>(undefined);
  // How many entries the search matched, counted by main (EntrySearch.total).
  const [searchTotal, setSearchTotal] = useState<number | undefined>(undefined);
  // Seeded from the page that came with the session, when it is this profile's.
  const [seed] = useState(() => handedOverPage(profile.id));
  const [items, setItems] = useState<TimelineItem[]>(() => seed?.items ?? []);
  const [cursor, setCursor] = useState<string | undefined>(seed?.nextCursor);
  const [done, setDone] = useState(seed ? !seed.nextCursor : false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  // The provider list only fills a filter menu: it is asked for once the first page is in,
  // so it never delays the first rows (main answers requests one at a time).
  const [firstPageIn, setFirstPageIn] = useState(seed !== undefined);
  const seeded = useRef(seed !== undefined);
  // The first frame renders only the rows in view; the rows kept ready beyond it for smooth
  // scrolling (overscan) follow once that frame is on screen.
  const [firstFrameShown, setFirstFrameShown] = useState(false);
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchId = useId();

  const filter: Filter = {
    ...(kind ? { kinds: [kind] } : {}),
    ...(provider ? { providers: [provider] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(showHidden ? { showHidden } : {}),
  };
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    if (!firstPageIn) return;
    let live = true;
    void api.timeline.providers({ profileId: profile.id }).then((r) => live && r.ok && setProviders(r.value));
    return () => {
      live = false;
    };
  }, [profile.id, revision, firstPageIn]);

  // A page of the timeline, or of the search's results when a search is shown.
  const loadPage = useCallback(
    async (gen: number, after: string | undefined) => {
      setLoading(true);
      const page = after ? { cursor: after } : {};
      const r = activeSearch
        ? await api.search.entries({ profileId: profile.id, text: activeSearch, limit: SEARCH_PAGE, ...page })
        : await api.timeline.page({ profileId: profile.id, filter: JSON.parse(filterKey) as Filter, limit: PAGE, ...page });
      if (gen !== generation.current) return;
      setFirstPageIn(true);
      setLoading(false);
      if (!r.ok) {
        setError(r.error);
        setDone(true);
        return;
      }
      setError(null);
      setItems((prev) => (after ? [...prev, ...r.value.items] : r.value.items));
      setCursor(r.value.nextCursor);
      setDone(!r.value.nextCursor);
      // The count and the notice come with a search's first page.
      if (!after && activeSearch) {
        const found = r.value as EntrySearch;
        setSearchTotal(found.total);
        setNewestOnly(found.newestOnly);
      }
    },
    [profile.id, filterKey, activeSearch],
  );

  // A new filter, search or profile starts over from the newest entry.
  useEffect(() => {
    // Used once: a later visit to this screen, or an import, reads the vault again.
    handedOver = null;
    if (seeded.current) {
      // The first page came with the screen: nothing to reset or load.
      seeded.current = false;
      return;
    }
    const gen = ++generation.current;
    setItems([]);
    setCursor(undefined);
    setDone(false);
    setError(null);
    setNewestOnly(undefined);
    setSearchTotal(undefined);
    scrollRef.current?.scrollTo({ top: 0 });
    void loadPage(gen, undefined);
  }, [loadPage, activeSearch, profile.id, revision]);

  // Memoized, with the size and key callbacks below: the virtualizer recomputes every row's
  // position whenever these change identity, and it re-renders this screen on every scroll
  // frame; rebuilt each time, 10,000 loaded rows made scrolling drop frames (long tasks).
  const rows = useMemo(() => toRows(items), [items]);
  const estimateSize = useCallback((i: number) => {
    const row = rows[i];
    return row?.type === 'day' ? 48 : row?.type === 'group' ? 40 + 56 * row.group.lines.length : 72;
  }, [rows]);
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: firstFrameShown ? 12 : 2,
    // The list's height before it is measured (styles.css: 65vh, at least 16rem), so the first
    // render already holds the visible rows instead of a second render after the measurement.
    initialRect: { width: 0, height: Math.max(256, Math.round(window.innerHeight * 0.65)) },
    getItemKey,
  });
  const virtualItems = virtualizer.getVirtualItems();

  useEffect(() => {
    if (firstFrameShown || rows.length === 0) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setFirstFrameShown(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [firstFrameShown, rows.length]);
  const lastIndex = virtualItems.at(-1)?.index ?? 0;

  useEffect(() => {
    if (!done && !loading && cursor && lastIndex >= rows.length - 20) void loadPage(generation.current, cursor);
  }, [lastIndex, rows.length, done, loading, cursor, loadPage]);

  function submitSearch(e: FormEvent) {
    e.preventDefault();
    setActiveSearch(searchText.trim());
  }

  return (
    <section aria-labelledby="screen-title" className="timeline">
      <h1 id="screen-title" tabIndex={-1}>
        {t('timelineTitle')}
      </h1>
      <form role="search" onSubmit={submitSearch} className="search-row">
        <label htmlFor={searchId} className="visually-hidden">
          {t('search')}
        </label>
        <input id={searchId} type="search" value={searchText} placeholder={t('searchPlaceholder')} onChange={(e) => setSearchText(e.target.value)} />
        <button type="submit">{t('search')}</button>
        {activeSearch && (
          <button
            type="button"
            onClick={() => {
              setSearchText('');
              setActiveSearch('');
            }}
          >
            {t('clearSearch')}
          </button>
        )}
      </form>
      {!activeSearch && (
        <fieldset className="filters">
          <legend>{t('filters')}</legend>
          <label>
            {t('filterKind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as EntryKind | '')}>
              <option value="">{t('allKinds')}</option>
              {ENTRY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(i18n, k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filterProvider')}
            <select value={provider} onChange={(e) => setProvider(e.target.value)}>
              <option value="">{t('allProviders')}</option>
              {providers.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <DateField label={t('fromDate')} value={from} onChange={setFrom} />
          <DateField label={t('toDate')} value={to} onChange={setTo} />
          <label className="check checkbox-label">
            <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} />
            {t('own_timelineShowHidden')}
          </label>
        </fieldset>
      )}
      <LoadError error={error} />
      {activeSearch && <KeptSearchHits text={activeSearch} onCount={setDocumentHits} />}
      <p className="muted small" role="status">
        {activeSearch
          ? items.length === 0 && documentHits > 0
            ? t('keptOnlyInDocuments', { text: activeSearch })
            : newestOnly !== undefined
              ? t('searchResultsMany', { count: newestOnly, text: activeSearch })
              : t('searchResults', { count: searchTotal ?? items.length, text: activeSearch })
          : items.length
            ? t('entriesShown', { count: items.length })
            : ''}
      </p>
      {activeSearch && newestOnly !== undefined && <p className="notice small">{t('searchNewestOnly', { count: newestOnly })}</p>}
      {!loading && items.length === 0 && !error && !(activeSearch && documentHits > 0) && <p className="muted">{activeSearch ? t('noMatches', { text: activeSearch }) : t('noEntries')}</p>}
      <div ref={scrollRef} className="timeline-scroll" role="region" tabIndex={0} hidden={Boolean(activeSearch) && items.length === 0 && documentHits > 0} aria-label={t('timelineTitle')} data-testid="timeline-scroll">
        <div role="list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const row = rows[v.index]!;
            return (
              <div
                key={v.key}
                role="listitem"
                data-index={v.index}
                ref={virtualizer.measureElement}
                className={row.type === 'day' ? 'timeline-day' : 'timeline-item'}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${v.start}px)` }}
              >
                {row.type === 'day' ? <h2>{row.day ? i18n.date(row.day) : t('noDate')}</h2> : row.type === 'group' ? <TimelineGroup group={row.group} /> : <TimelineRow item={row.item} />}
              </div>
            );
          })}
        </div>
      </div>
      {loading && (
        <p className="muted" role="status">
          {t('loadingMore')}
        </p>
      )}
      {done && !activeSearch && items.length > 0 && <p className="muted small">{t('endOfTimeline')}</p>}
    </section>
  );
}
