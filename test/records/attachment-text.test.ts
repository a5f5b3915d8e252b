import { expect, test } from 'vitest';
import { attachmentText, htmlToText, rtfToText } from '../../main/records/attachment-text.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

test('RTF attachments become their plain text', () => {
  const rtf = String.raw`{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}{\*\generator Riched20;}\f0\fs24 Discharge instructions\par Take metformin 500 mg twice daily.\par Caf\'e9 \u8212? ok}`;
  expect(rtfToText(rtf)).toBe('Discharge instructions\nTake metformin 500 mg twice daily.\nCafé — ok');
});

test('HTML attachments become text, scripts and tags dropped', () => {
  expect(htmlToText('<p>Follow up in <b>2 weeks</b></p><script>alert(1)</script><img src=x onerror=alert(1)>Done &amp; dusted')).toBe(
    'Follow up in 2 weeks\nDone & dusted',
  );
});

test('only text-like media types give text; PDFs and images are saved, not shown', () => {
  expect(attachmentText('text/plain', b64('Progress note: stable.'))).toBe('Progress note: stable.');
  expect(attachmentText('text/rtf', b64(String.raw`{\rtf1 Hello\par World}`))).toBe('Hello\nWorld');
  expect(attachmentText('application/pdf', b64('%PDF-1.4'))).toBeUndefined();
  expect(attachmentText('image/png', b64('png'))).toBeUndefined();
});
