// The saxes path must give fast-xml-parser's tree exactly, or step aside: the corpus compared
// document by document, and each of fast-xml-parser's habits the tree builder copies.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createXmlParser, fromFastXmlParser, parseXml, type FastXmlNode } from '../../../main/importers/xml/parse.ts';
import { saxTree, type Prefixes, type SaxTreeLimits } from '../../../main/importers/xml/sax-tree.ts';
import { LIMITS } from '../../../main/importers/limits.ts';
import { elementNode, textNode, type XmlNode } from '../../../main/importers/xml/tree.ts';

const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const LIMITS_HERE: SaxTreeLimits = { maxDepth: LIMITS.maxXmlDepth, maxElements: LIMITS.maxXmlElements };
const prefixes = (): Prefixes => ({ used: new Set(), declared: new Set(['xml', 'xmlns']) });
const sorted = (set: Set<string>) => [...set].sort();

/** fast-xml-parser's tree, in the importers' shape. */
function fxp(text: string, p = prefixes()): XmlNode[] {
  return fromFastXmlParser(createXmlParser(p).parse(text) as FastXmlNode[]);
}

const el = (name: string, attrs: Record<string, string> | undefined, ...kids: XmlNode[]) => elementNode(name, attrs, kids);
const tx = textNode;

function xmlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...xmlFiles(full));
    else if (/\.xml$/i.test(entry.name)) found.push(full);
  }
  return found;
}

describe.skipIf(!fs.existsSync(CORPUS))('every XML file of the corpus', () => {
  test('reads to the same tree and the same namespace prefixes on both paths, or takes the original path', () => {
    let fast = 0;
    let stepAside = 0;
    for (const file of xmlFiles(CORPUS)) {
      const text = new TextDecoder('utf-8').decode(fs.readFileSync(file));
      if (/<!(DOCTYPE|ENTITY)\b/i.test(text)) continue;
      const viaSax = prefixes();
      const tree = saxTree(text, LIMITS_HERE, viaSax);
      if (!tree) {
        stepAside++;
        continue;
      }
      fast++;
      const viaFxp = prefixes();
      // With the one difference parse.ts evens out on fast-xml-parser's path (fromFastXmlParser).
      expect(tree, path.relative(CORPUS, file)).toStrictEqual(fxp(text, viaFxp));
      expect(sorted(viaSax.used), file).toEqual(sorted(viaFxp.used));
      expect(sorted(viaSax.declared), file).toEqual(sorted(viaFxp.declared));
    }
    // The C-CDA files without HTML entities (most of them) take the fast path.
    expect(fast).toBeGreaterThan(200);
    expect(stepAside).toBeGreaterThan(0);
  });
});

describe('the tree copies fast-xml-parser', () => {
  const same = (xml: string) => {
    const tree = saxTree(xml, LIMITS_HERE, prefixes());
    expect(tree).toBeDefined();
    expect(tree).toStrictEqual(fxp(xml));
    return tree;
  };

  test('text on both sides of a comment is one run; a processing instruction or CDATA section ends it', () => {
    expect(same('<a>one <!-- c --> two</a>')).toStrictEqual([el('a', undefined, tx('one  two'))]);
    expect(same('<a>one<?pi x?>two</a>')).toStrictEqual([el('a', undefined, tx('one'), tx('two'))]);
    expect(same('<a>one<![CDATA[ <b>&amp; ]]>two</a>')).toStrictEqual([el('a', undefined, tx('one'), tx(' <b>&amp; '), tx('two'))]);
    same('<a><![CDATA[]]></a>');
  });

  test('whitespace between elements is kept; text outside the root is dropped unless a processing instruction follows it', () => {
    same('<?xml version="1.0"?>\n<!-- made by -->\n<?xml-stylesheet href="cda.xsl"?>\n<a>\n  <b/>\n</a>\n');
    same('<a>\r\n  <b x="1"\r\n y="2">t\r\nu</b>\r</a>');
  });

  test('numeric character references read as their code points, in text and attributes', () => {
    expect(same('<a t="&#x80;&#147;">&#160;x&#xA0;&#0065;&#x1F600;&#38;lt;</a>')).toStrictEqual([el('a', { t: '\u0080\u0093' }, tx('\u00a0x\u00a0A\u{1F600}&lt;'))]);
    // In an attribute, a reference to a tab or line break is the one whitespace saxes leaves;
    // it reads as the space parse.ts makes of it on fast-xml-parser's path.
    expect(same('<a t="x&#xA;y&#9;z&#13;&#10;w" u="&#32;"><b v="1&#x9;"/></a>')).toStrictEqual([el('a', { t: 'x y z  w', u: ' ' }, el('b', { v: '1 ' }))]);
    same('<a>&#xD;&#xA;<b/>&#32;<c/>&#10;</a>');
    same('<a>&amp;#38; &#38;amp; &#60;b&#62;</a>');
  });

  test('entities, attributes and namespace prefixes', () => {
    const p = prefixes();
    const tree = saxTree('<n:a xmlns:n="urn:x" xsi:type="CD" t="&lt;&amp;&gt;&quot;&apos;">x &amp; y<b n:c="1"/></n:a>', LIMITS_HERE, p);
    const q = prefixes();
    expect(tree).toStrictEqual(fxp('<n:a xmlns:n="urn:x" xsi:type="CD" t="&lt;&amp;&gt;&quot;&apos;">x &amp; y<b n:c="1"/></n:a>', q));
    expect(tree).toStrictEqual([el('a', { 'xmlns:n': 'urn:x', type: 'CD', t: `<&>"'` }, tx('x & y'), el('b', { c: '1' }))]);
    expect(sorted(p.used)).toEqual(['n', 'xsi']);
    expect(sorted(p.declared)).toEqual(['n', 'xml', 'xmlns']);
  });
});

describe('the saxes path steps aside', () => {
  const none = (xml: string, limits = LIMITS_HERE) => expect(saxTree(xml, limits, prefixes())).toBeUndefined();

  test('for any entity but the five XML defines and numeric references, which fast-xml-parser decodes its own way', () => {
    none('<a>&nbsp;</a>');
    none('<a>&#160; &nbsp;</a>');
    none('<a>AT&T</a>');
    none('<a>&#;</a>');
    none('<a>&#x;</a>');
    none('<a>&#12a;</a>');
    none('<a>&#X41;</a>');
    none('<a>&#65</a>');
  });

  test('for a numeric reference to a character XML forbids, which fast-xml-parser removes', () => {
    none('<a>&#0;</a>');
    none('<a>x&#1;y</a>');
    none('<a t="&#xD800;"/>');
    none('<a>&#xFFFE;</a>');
    none('<a>&#x110000;</a>');
  });

  test('for what saxes refuses, names fast-xml-parser guards, and limits crossed', () => {
    none('<!DOCTYPE a><a/>');
    none('<?xml version="1.1"?><a>\u2028</a>');
    none('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>');
    none('<a><b></a>');
    none('<a>');
    none('<a x="1" x="2"/>');
    none('<a>]]></a>');
    none('<__proto__/>');
    none('<a constructor="x"/>');
    none('<a><b><c/></b></a>', { maxDepth: 2, maxElements: 100 });
    none('<a><b/><c/></a>', { maxDepth: 10, maxElements: 2 });
  });
});

describe('parseXml on either path', () => {
  test('a tab or line break in an attribute value reads as a space, as XML requires', () => {
    const fast = parseXml('<a code="\tR50.9" d="x\ny"/>');
    const original = parseXml('<a code="\tR50.9" d="x\ny">&nbsp;</a>');
    expect(fast[0]!.attrs).toEqual({ code: ' R50.9', d: 'x y' });
    expect(original[0]!.attrs).toEqual({ code: ' R50.9', d: 'x y' });
  });

  test('a damaged file is refused with the line where it breaks, whichever path saw it first', () => {
    expect(() => parseXml('<a>\n<b>\n</a>')).toThrow(/malformed near line 3/);
    expect(() => parseXml('<a>&nbsp;\n<b>\n</a>')).toThrow(/malformed near line 3/);
    expect(() => parseXml('<n:a/>')).toThrow(/namespace prefix "n" without declaring it/);
    expect(() => parseXml('<!DOCTYPE a><a/>')).toThrow(/contains a DOCTYPE or entity declaration/);
    expect(() => parseXml('<a/><!ENTITY e "x">')).toThrow(/contains a DOCTYPE or entity declaration/);
  });
});
