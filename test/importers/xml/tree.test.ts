import { expect, test } from 'vitest';
import { parseXml } from '../../../main/importers/xml/parse.ts';
import { rootElement, shortTextOf, textOf, type XmlNode } from '../../../main/importers/xml/tree.ts';

const root = (xml: string): XmlNode => rootElement(parseXml(xml)) as XmlNode;

test('shortTextOf is textOf when that is at most the limit, whitespace collapsed and trimmed', () => {
  const text = root('<text>\n  <paragraph>No known\n   allergies</paragraph>\n  <content> (reviewed) </content>\n</text>');
  expect(shortTextOf(text, 120)).toBe('No known allergies (reviewed)');
  expect(shortTextOf(text, 120)).toBe(textOf(text));
  expect(shortTextOf(text, textOf(text).length)).toBe(textOf(text));
  expect(shortTextOf(undefined, 10)).toBe('');
});

test('shortTextOf is undefined when the collapsed text is longer, however much whitespace pads it', () => {
  const rows = Array.from({ length: 200 }, (_, i) => `<tr><td>Medication ${i}</td><td>   \n\n   </td></tr>`).join('\n');
  const long = root(`<text><table><tbody>${rows}</tbody></table></text>`);
  expect(textOf(long).length).toBeGreaterThan(120);
  expect(shortTextOf(long, 120)).toBeUndefined();
  // Just over and just at the limit, where the padding is most of the raw text.
  const padded = root(`<text>${'   \n   '.repeat(100)}${'x'.repeat(121)}${'   \n   '.repeat(100)}</text>`);
  expect(shortTextOf(padded, 120)).toBeUndefined();
  expect(shortTextOf(padded, 121)).toBe('x'.repeat(121));
});
