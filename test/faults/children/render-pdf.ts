// Child for pdf-profile.test.ts: renders a long PDF, prints "done" and exits.
import { renderPdfWithChromium } from '../../../main/summary/pdf.ts';

const rows = Array.from({ length: 4000 }, (_, i) => `<tr><td>Row ${i}</td><td>${'text '.repeat(20)}</td></tr>`).join('');
await renderPdfWithChromium(`<!doctype html><html><body><table>${rows}</table></body></html>`, 'Letter', 'en');
process.stdout.write('done\n');
