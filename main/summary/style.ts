// Print stylesheet of the visit packet and the page geometry shared by every PDF printer
// (Playwright in the CLI and tests, Electron's printToPDF in the app).

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/**
 * Page margins in millimetres. The bottom margin leaves room for the page-number footer that
 * the PDF printer draws from `footerTemplate` (Chromium does not draw `@page` margin boxes
 * through printToPDF's header/footer path, so page numbers come from the template).
 */
export const PAGE_MARGINS_MM = { top: 10, right: 12, bottom: 13, left: 12 } as const;

/** The same margins as CSS lengths, for printToPDF/page.pdf `margin` options. */
export function pageMarginsCss(): { top: string; right: string; bottom: string; left: string } {
  const m = PAGE_MARGINS_MM;
  return { top: `${m.top}mm`, right: `${m.right}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm` };
}

/** The same margins in inches, for Electron's printToPDF `margins` ({ marginType: 'custom', … }). */
export function pageMarginsInches(): { top: number; right: number; bottom: number; left: number } {
  const inch = (mm: number) => Math.round((mm / 25.4) * 1000) / 1000;
  const m = PAGE_MARGINS_MM;
  return { top: inch(m.top), right: inch(m.right), bottom: inch(m.bottom), left: inch(m.left) };
}

export function summaryCss(paper: PaperSize): string {
  const m = PAGE_MARGINS_MM;
  const size = paper === 'A4' ? 'A4' : 'letter';
  return `
@page { size: ${size}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  font-size: 10.5pt;
  line-height: 1.25;
  color: #111;
  overflow-wrap: anywhere;
}
@media screen { body { max-width: 190mm; margin: 8mm auto; } }
header.packet-header { border-bottom: 2px solid #1f3a5f; padding-bottom: 3pt; }
.title-line { display: flex; justify-content: space-between; align-items: baseline; gap: 12pt; }
h1 { font-size: 17pt; margin: 0; }
.packet-kind { font-size: 12pt; font-weight: bold; color: #1f3a5f; margin: 0; }
.facts { display: flex; flex-wrap: wrap; gap: 2pt 14pt; margin: 2pt 0; }
.facts span b { font-weight: 600; }
.disclaimer { font-size: 8.5pt; color: #444; margin: 2pt 0 0; }
section { margin: 5pt 0 0; }
h2 {
  font-size: 11pt; margin: 0 0 1pt; padding: 0.5pt 4pt; color: #fff; background: #1f3a5f;
  break-after: avoid; page-break-after: avoid;
}
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr, li { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1pt 4pt; border-bottom: 1px solid #ccc; }
th { font-size: 9pt; font-weight: 600; color: #333; border-bottom: 1.5px solid #666; }
.meds td { font-size: 14pt; line-height: 1.15; padding: 1.5pt 4pt; }
.meds td:nth-child(2), .meds td:nth-child(3) { white-space: nowrap; }
.meds tr.more-dose td:nth-child(1), .meds tr.more-dose td:nth-child(2) { white-space: nowrap; }
.meds tr.more-dose td:nth-child(3) { white-space: normal; }
.meds tr.dose-then td:not(.med-name) { border-bottom: 1px dotted #ccc; }
.results td, .encounters td, .procedures td, .family-history td, .immunizations td, .allergies td { font-size: 9.5pt; line-height: 1.15; }
p.vitals { font-size: 9.5pt; line-height: 1.35; margin: 0 0 4pt; }
.vital { white-space: nowrap; }
.results { table-layout: fixed; }
.results td { vertical-align: middle; }
.results th:nth-child(1) { width: 18%; }
.results th:nth-child(2) { width: 17%; }
.results th:nth-child(3) { width: 12%; }
.results th:nth-child(4) { width: 27%; }
.results th:nth-child(5) { width: 14%; }
.results .muted { font-size: 8.5pt; }
.encounters .visit-fact { font-size: 8.5pt; color: #333; }
/* A visit's reason and diagnoses make its column greedy: the headings stay whole words. */
.encounters th { white-space: nowrap; }
.results td:nth-child(3) { white-space: nowrap; }
.meds th:nth-child(2) { width: 13%; }
.meds th:nth-child(3) { width: 13%; }
.meds th:nth-child(4) { width: 25%; }
.meds td.med-name { font-weight: bold; }
.meds .med-instructions, .meds .med-supply { display: block; font-size: 10pt; font-weight: normal; color: #333; }
.meds tr.with-extras td:not(.med-name) { border-bottom: none; }
.meds tr.dose-extras td { font-size: 11.5pt; padding-top: 0; }
.meds .dose-extra { display: inline-block; max-width: 100%; }
.meds th { font-size: 10pt; }
.directives td:nth-child(3), .directives td:nth-child(4) { white-space: nowrap; }
/* Fixed widths: with words allowed to break anywhere, an automatic layout gave the relative's column the width of one letter. */
.family-history { table-layout: fixed; }
.family-history th:nth-child(1) { width: 20%; }
.family-history th:nth-child(2) { width: 30%; }
.num { white-space: nowrap; }
.flag { font-weight: bold; white-space: nowrap; }
.last-listed { display: block; font-size: 0.8em; color: #555; font-weight: normal; }
h3.unconfirmed { font-size: 0.95em; margin: 0.6em 0 0.3em; }
.flag-abnormal { color: #7a3e00; }
.flag-critical { color: #a4262c; text-decoration: underline; }
.arrow { font-size: 12pt; font-weight: bold; }
.muted { color: #555; font-size: 9pt; }
.heading-note { font-size: 8.5pt; font-weight: normal; margin-left: 6pt; }
.none { font-style: italic; color: #444; margin: 2pt 4pt; }
ul.columns { columns: 2; column-gap: 14pt; margin: 0; padding-left: 16pt; }
ul.columns li { margin: 0; }
ol.questions { margin: 0; padding-left: 18pt; font-size: 11.5pt; }
ol.questions li { margin: 0 0 1pt; }
.write-lines div { border-bottom: 1px solid #999; height: 18pt; }
.clinician-notes { white-space: pre-wrap; font-size: 11pt; margin: 0 4pt; }
.clinician-block { border: 1.5pt solid #333; padding: 4pt 8pt 6pt; margin-bottom: 10pt; }
ul.clinician-notes, ul.my-notes { padding-left: 14pt; }
tr.panel-row th { text-align: left; background: #eee; font-size: 9.5pt; padding-top: 4pt; }
h3.vitals-heading { font-size: 0.95em; margin: 0.6em 0 0.3em; }
ul.education { margin: 0; padding-left: 16pt; }
ul.education a { color: #1f3a5f; }
.attribution { font-size: 9pt; color: #444; }
svg.sparkline { display: block; }
`;
}
