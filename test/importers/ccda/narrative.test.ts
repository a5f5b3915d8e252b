import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../main/importers/index.ts';
import { NARRATIVE_TAGS, type NarrativeNode } from '../../../main/records/model.ts';
import { tsToIso } from '../../../main/importers/ccda/dates.ts';

const fixture = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/ccda/xss-narrative.xml'));

function walk(nodes: NarrativeNode[], visit: (node: NarrativeNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (typeof node !== 'string') walk(node.children, visit);
  }
}

describe('narrative allowlist', () => {
  const parsed = parseFile(fixture, 'xss.xml');
  const section = parsed.documents[0]?.document.sections[0];
  const narrative = section?.narrative ?? [];

  it('carries no script, handler or javascript: URL anywhere in the tree', () => {
    const serialized = JSON.stringify(narrative);
    for (const bad of ['script', 'alert', 'javascript', 'onerror', 'onclick', 'onmouseover', 'cookie', 'steal', 'evil', 'iframe', 'src', 'style']) {
      expect(serialized.toLowerCase()).not.toContain(bad);
    }
  });

  it('uses only allowlisted tags and keys', () => {
    const allowedKeys = new Set(['tag', 'children', 'href', 'colspan', 'rowspan']);
    walk(narrative, (node) => {
      if (typeof node === 'string') return;
      expect(NARRATIVE_TAGS).toContain(node.tag);
      for (const key of Object.keys(node)) expect(allowedKeys.has(key)).toBe(true);
      if (node.href !== undefined) {
        expect(node.tag).toBe('link');
        expect(node.href.startsWith('https:')).toBe(true);
      }
    });
  });

  it('maps styles, links, tables and lists to the model tree', () => {
    expect(narrative[0]).toEqual({
      tag: 'paragraph',
      children: [{ tag: 'bold', children: [{ tag: 'italic', children: ['Patient feels ', { tag: 'underline', children: ['better'] }, '.'] }] }],
    });
    expect(narrative[1]).toEqual({
      tag: 'paragraph',
      children: [
        'See ',
        { tag: 'span', children: ['this link'] },
        ' and ',
        { tag: 'link', href: 'https://medlineplus.gov/diabetes.html', children: ['MedlinePlus'] },
        ' and ',
        { tag: 'span', children: ['plain http'] },
        '.',
      ],
    });
    expect(narrative[2]).toEqual({
      tag: 'table',
      children: [{ tag: 'tbody', children: [{ tag: 'row', children: [
        { tag: 'cell', colspan: 2, children: ['Wide'] },
        { tag: 'cell', children: ['Bad span'] },
      ] }] }],
    });
    // An unknown element is dropped when script-like (iframe), so its text goes with it.
    expect(JSON.stringify(narrative)).not.toContain('frame text');
    expect(narrative[3]).toEqual({
      tag: 'ordered-list',
      children: [
        { tag: 'item', children: ['First', { tag: 'break', children: [] }, 'line two'] },
        { tag: 'item', children: [{ tag: 'sup', children: ['2'] }, ' and ', { tag: 'sub', children: ['x'] }] },
      ],
    });
    expect(narrative).toHaveLength(4);
  });
});

describe('HL7 timestamps', () => {
  it('keeps the precision the source gave', () => {
    expect(tsToIso('2012')).toBe('2012');
    expect(tsToIso('201203')).toBe('2012-03');
    expect(tsToIso('20120304')).toBe('2012-03-04');
    expect(tsToIso('2012030415')).toBe('2012-03-04T15:00');
    expect(tsToIso('201203041530')).toBe('2012-03-04T15:30');
    expect(tsToIso('20120304153012.123-0500')).toBe('2012-03-04T15:30:12-05:00');
    expect(tsToIso('20120304153012+0000')).toBe('2012-03-04T15:30:12+00:00');
  });
  it('rejects what is not a timestamp', () => {
    expect(tsToIso('')).toBeUndefined();
    expect(tsToIso('20121304')).toBeUndefined();
    expect(tsToIso('March 2012')).toBeUndefined();
    expect(tsToIso('00000000')).toBeUndefined();
  });
});
