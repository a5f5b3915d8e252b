// `node bench/trend-profile.ts [--large-dir DIR] [--renderer DIR] [--out FILE]`: where the
// renderer's time goes in the Trends scenario of bench/large.ts (zooming the 500,000-point
// trend and scrolling), through Chromium's DevTools protocol: the long tasks, each split into
// what ran inside it (script, style, layout, paint, garbage collection) from a trace, and the
// functions that took the most time from a CPU profile. A development tool, not a figure of the
// benchmark: build the renderer unminified for readable names
// (`npx vite build --config renderer/vite.config.ts --minify false --outDir /tmp/r`).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { benchPassphrase } from './data.ts';
import { measureLargeUi } from './large.ts';
import { parseLargeArgs } from './large-vault.ts';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by event name inside each task over 50 ms of the renderer's main thread. */
export function longTaskBreakdown(events: TraceEvent[]): { ms: number; ts: number; parts: [string, number][] }[] {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const spans = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: { ms: number; ts: number; parts: [string, number][] }[] = [];
  for (const task of spans) {
    if (task.name !== 'RunTask' || task.dur! < 50_000) continue;
    const end = task.ts + task.dur!;
    const inside = spans.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= end);
    // Self time: each event's duration less that of the events directly inside it.
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; child: number }[] = [{ e: task, child: 0 }];
    const close = (upTo: number) => {
      while (stack.length > 1 && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= upTo) {
        const done = stack.pop()!;
        self.set(done.e.name, (self.get(done.e.name) ?? 0) + done.e.dur! - done.child);
        stack.at(-1)!.child += done.e.dur!;
      }
    };
    for (const e of inside) {
      close(e.ts);
      stack.push({ e, child: 0 });
    }
    close(Infinity);
    self.set('(task itself)', task.dur! - stack[0]!.child);
    out.push({ ms: task.dur! / 1000, ts: task.ts, parts: [...self].map(([k, v]) => [k, v / 1000] as [string, number]).sort((a, b) => b[1] - a[1]).slice(0, 8) });
  }
  return out;
}

/** Self and total milliseconds per function (name, file and line) of a CPU profile. */
export function hotFunctions(profile: CpuProfile, top = 30, window?: [number, number]): { fn: string; selfMs: number; totalMs: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) return;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  });
  return [...self].map(([fn, selfMs]) => ({ fn, selfMs, totalMs: total.get(fn) ?? 0 })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
}

if (import.meta.main) {
  const argv = process.argv.slice(2);
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const { dir } = parseLargeArgs(argv, process.cwd());
  const out = value('--out');
  const rendererDir = value('--renderer');
  let cdp: CDPSession | undefined;
  let trace: Buffer | undefined;
  let profile: CpuProfile | undefined;
  // --no-profile: the scenario's own figures only (as `npm run bench -- --only large` measures them), for A/B runs of two builds.
  // For each click: how long until the page asked main, and main's answer took (resource timing).
  let fetches: { before: number; answer: number }[] = [];
  const clicks = {
    start: async (page: Page) =>
      page.evaluate(() => {
        const w = window as unknown as { __clicks: number[] };
        w.__clicks = [];
        document.addEventListener('click', () => w.__clicks.push(performance.now()), { capture: true });
        performance.setResourceTimingBufferSize(100_000);
      }),
    stop: async (page: Page) => {
      fetches = await page.evaluate(() => {
        const clicked = (window as unknown as { __clicks: number[] }).__clicks;
        const series = performance.getEntriesByType('resource').filter((e) => e.name.includes('trends.series')) as PerformanceResourceTiming[];
        return clicked.map((t) => {
          const e = series.find((r) => r.startTime >= t);
          return e ? { before: e.startTime - t, answer: e.responseEnd - e.startTime } : { before: NaN, answer: NaN };
        });
      });
    },
  };
  const plain = argv.includes('--no-profile');
  const figures = await measureLargeUi(dir, benchPassphrase().passphrase, plain ? { ...(rendererDir ? { rendererDir: path.resolve(rendererDir) } : {}), start: clicks.start, stop: clicks.stop } : {
    ...(rendererDir ? { rendererDir: path.resolve(rendererDir) } : {}),
    async start(page: Page, browser: Browser) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink.user_timing'] });
      await cdp.send('Profiler.start');
      await clicks.start(page);
    },
    async stop(page: Page, browser: Browser) {
      await clicks.stop(page);
      profile = (await cdp!.send('Profiler.stop')).profile as unknown as typeof profile;
      trace = await browser.stopTracing();
    },
  });
  console.log(JSON.stringify(figures));
  if (figures.measured) {
    // The scenario's order: five zooms, then the whole record, five times.
    const draws = fetches.filter((_, i) => i % 6 === 5);
    figures.drawMs.forEach((ms, i) => {
      const f = draws[i];
      if (f) console.log(`whole record ${ms.toFixed(1)} ms: ${f.before.toFixed(1)} ms to the request, ${f.answer.toFixed(1)} ms main and the bridge, ${(ms - f.before - f.answer).toFixed(1)} ms from the answer to the frame painted`);
    });
  }
  if (trace) {
    const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    if (out) fs.writeFileSync(`${out}.trace.json`, trace);
    for (const task of longTaskBreakdown(events)) {
      console.log(`long task ${task.ms.toFixed(0)} ms: ${task.parts.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
      // The profile's clock is the trace's: the functions sampled inside this task.
      if (profile) for (const f of hotFunctions(profile, 8, [task.ts, task.ts + task.ms * 1000])) console.log(`    ${f.selfMs.toFixed(1).padStart(6)} self ${f.totalMs.toFixed(1).padStart(6)} total  ${f.fn}`);
    }
  }
  if (profile) {
    if (out) fs.writeFileSync(`${out}.cpuprofile`, JSON.stringify(profile));
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
    const busy = profile.samples.reduce((sum, id, i) => sum + (idle.has(id) ? 0 : (profile!.timeDeltas[i + 1] ?? 0)), 0);
    console.log(`renderer main thread busy ${(busy / 1000).toFixed(0)} ms of the profile`);
    for (const f of hotFunctions(profile)) console.log(`${f.selfMs.toFixed(1).padStart(8)} self ${f.totalMs.toFixed(1).padStart(8)} total  ${f.fn}`);
  }
}
