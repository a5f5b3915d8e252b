import { unlockVault } from './main/vault/vault.ts';
import { benchPassphrase } from './bench/data.ts';
import { seriesFrame, seriesView } from './main/vault/trend-series.ts';
const s = unlockVault('bench-data/large', benchPassphrase().passphrase);
const db = s.profileDb('817d116c8c47e55f9cea');
const frame = seriesFrame(db, '8867-4');
const last = frame.last!.slice(0, 10);
const day = (back: number) => new Date(Date.parse(`${last}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
for (let i = 0; i < 30; i++) seriesView(db, frame, {}, 640);
const per = new Map<number, number[]>();
for (let i = 0; i < 12; i++) {
  for (const back of [365, 91, 30, 7, 1, 1000, 2000]) {
    const c0 = process.cpuUsage();
    seriesView(db, frame, { from: day(back + i * 40), to: day(i * 40) }, 640);
    const c = process.cpuUsage(c0);
    per.set(back, [...(per.get(back) ?? []), (c.user + c.system) / 1000]);
  }
}
for (const [k, v] of per) console.log(`zoom ${k}: cpu ms`, v.map((x) => x.toFixed(1)).join(' '));
