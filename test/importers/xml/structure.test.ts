import { expect, test } from 'vitest';
import { checkStructure } from '../../../main/importers/xml/structure.ts';

const LIMITS = { maxDepth: 5, maxElements: 20 };

test('balanced markup passes, including a quoted ">", comments, CDATA and processing instructions', () => {
  expect(checkStructure('<?xml version="1.0"?><a x="1>2"><!-- <b> --><b/><c><![CDATA[ <d> ]]></c></a>\n', LIMITS)).toBeNull();
});

test('"<" inside an attribute value is malformed, as XML says', () => {
  expect(checkStructure("<a y='<'></a>", LIMITS)).toMatchObject({ kind: 'malformed' });
});

test('a file that breaks off, mismatched tags and a second root are malformed, with the line', () => {
  expect(checkStructure('<a>\n<b>\n<c>text</c>\n', LIMITS)).toEqual({ kind: 'malformed', line: 4 });
  expect(checkStructure('<a>\n<b></c></a>', LIMITS)).toEqual({ kind: 'malformed', line: 2 });
  expect(checkStructure('<a></a><a></a>', LIMITS)).toMatchObject({ kind: 'malformed' });
  expect(checkStructure('<a><b attr="unterminated></b></a>', LIMITS)).toMatchObject({ kind: 'malformed' });
  expect(checkStructure('<a><!-- never closed </a>', LIMITS)).toMatchObject({ kind: 'malformed' });
  expect(checkStructure('just text', LIMITS)).toMatchObject({ kind: 'malformed' });
});

test('depth and element limits are enforced before any parsing', () => {
  expect(checkStructure('<a><a><a><a><a><a></a></a></a></a></a></a>', LIMITS)).toEqual({ kind: 'too-deep' });
  expect(checkStructure(`<r>${'<x/>'.repeat(25)}</r>`, LIMITS)).toEqual({ kind: 'too-many-elements' });
  expect(checkStructure(`<r>${'<x/>'.repeat(10)}</r>`, LIMITS)).toBeNull();
});

test('a tag with a great many attributes is still read to its end, closed or broken', () => {
  // Enough quoted values (8 MB of them) to overflow the backtracking stack of the regular
  // expression that finds a tag's end; the check then walks the tag itself.
  const attributes = ` k="v>"${'""'.repeat(4_000_000)}`;
  expect(checkStructure(`<a${attributes}><b/></a>`, LIMITS)).toBeNull();
  expect(checkStructure(`<a${attributes}\n<b/></a>`, LIMITS)).toEqual({ kind: 'malformed', line: 2 });
  expect(checkStructure(`<a${attributes}`, LIMITS)).toEqual({ kind: 'malformed', line: 1 });
});

test('a closing tag is compared with the open element whole, not by its prefix', () => {
  expect(checkStructure('<ab></a>', LIMITS)).toMatchObject({ kind: 'malformed' });
  expect(checkStructure('<a></ab>', LIMITS)).toMatchObject({ kind: 'malformed' });
  expect(checkStructure('<a></a >', LIMITS)).toBeNull();
  expect(checkStructure('<a>\n</a', LIMITS)).toEqual({ kind: 'malformed', line: 2 });
});
