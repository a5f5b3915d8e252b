// Unstructured documents often carry their content as an attachment (plain text, RTF, HTML
// or PDF). Text-like ones are shown as plain text; nothing is ever rendered as markup.

const MAX_SHOWN_CHARS = 2_000_000;

/** Plain text of an RTF document: control words and hidden groups dropped, paragraphs kept. */
export function rtfToText(rtf: string): string {
  return rtf
    .replace(/\{\\\*[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, '') // destinations such as {\*\generator …}
    .replace(/\{\\(fonttbl|colortbl|stylesheet|info)[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, '')
    .replace(/\\(par|line)\b ?/g, '\n')
    .replace(/\\tab\b ?/g, '\t')
    .replace(/\\'([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\u(-?\d+)\??/g, (_m, n: string) => String.fromCharCode((Number(n) + 65536) % 65536))
    .replace(/\\[a-zA-Z]+-?\d* ?/g, '')
    .replace(/\\([{}\\])/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text of an HTML attachment: tags removed, a few entities decoded; never rendered as HTML. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The text to show for an attachment, or undefined when it is not text (PDF, images). */
export function attachmentText(mediaType: string, base64: string): string | undefined {
  const type = mediaType.toLowerCase().split(';')[0]!.trim();
  const isText = type.startsWith('text/') || type === 'application/rtf' || type === 'application/xhtml+xml';
  if (!isText) return undefined;
  const raw = new TextDecoder('utf-8').decode(Buffer.from(base64, 'base64')).slice(0, MAX_SHOWN_CHARS);
  if (type === 'text/rtf' || type === 'application/rtf') return rtfToText(raw);
  if (type === 'text/html' || type === 'application/xhtml+xml') return htmlToText(raw);
  return raw;
}
