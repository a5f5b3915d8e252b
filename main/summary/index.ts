// The visit packet's public surface for main/api and the Electron shell. The PDF renderer
// (pdf.ts) is imported separately because it pulls in playwright-core, which the app does not ship.

export {
  buildVisitSummaryHtml,
  CONTENT_SECURITY_POLICY,
  DEFAULT_SECTIONS,
  InvalidSummaryInputError,
  medlinePlusUrl,
  SUMMARY_SECTIONS,
  type EducationLink,
  type SectionChoice,
  type SummarySection,
  type VisitSummaryInput,
} from './build.ts';
export { EMPTY_HEADER_TEMPLATE, footerTemplate } from './footer.ts';
export { SUMMARY_LANGUAGES, type SummaryLanguage } from './strings.ts';
export { PAGE_MARGINS_MM, PAPER_SIZES, pageMarginsCss, pageMarginsInches, type PaperSize } from './style.ts';
