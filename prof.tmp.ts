import { unlockVault } from './main/vault/vault.ts';
import { benchPassphrase } from './bench/data.ts';
import { seriesFrame, seriesView } from './main/vault/trend-series.ts';
const s = unlockVault('bench-data/large', benchPassphrase().passphrase);
const db = s.profileDb('817d116c8c47e55f9cea');
const frame = seriesFrame(db, '8867-4');
const last = frame.last!.slice(0, 10);
const day = (back: number) => new Date(Date.parse(`${last}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
for (let i = 0; i < 3; i++) { seriesView(db, frame, {}, 640); seriesView(db, frame, { from: day(365), to: day(0) }, 640); }
const c0 = process.cpuUsage();
for (let i = 0; i < 10; i++) { seriesView(db, frame, {}, 640); }
const c1 = process.cpuUsage(c0);
for (let i = 0; i < 10; i++) { seriesView(db, frame, { from: day(365), to: day(0) }, 640); }
const c2 = process.cpuUsage(c0);
console.log('whole view cpu/call', ((c1.user + c1.system) / 10000).toFixed(1), 'ms; 365-day zoom', ((c2.user + c2.system - c1.user - c1.system) / 10000).toFixed(1), 'ms');
