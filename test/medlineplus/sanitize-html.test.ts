import { describe, expect, it } from 'vitest';
import type { NarrativeNode } from '../../main/records/model.ts';
import { NARRATIVE_TAGS } from '../../main/records/model.ts';
import { plainText, sanitizeEducationHtml } from '../../main/medlineplus/sanitize-html.ts';

function allNodes(nodes: readonly NarrativeNode[]): Exclude<NarrativeNode, string>[] {
  return nodes.flatMap((node) => (typeof node === 'string' ? [] : [node, ...allNodes(node.children)]));
}
function links(nodes: readonly NarrativeNode[]): string[] {
  return allNodes(nodes)
    .filter((node) => node.tag === 'link')
    .map((node) => node.href ?? '');
}

describe('sanitizeEducationHtml', () => {
  it('maps the allowlisted elements onto the narrative tree', () => {
    const { nodes } = sanitizeEducationHtml(
      '<p>One <b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em><br>next</p><ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>',
    );
    expect(nodes).toEqual([
      {
        tag: 'paragraph',
        children: [
          'One ',
          { tag: 'bold', children: ['bold'] },
          ' ',
          { tag: 'bold', children: ['strong'] },
          ' ',
          { tag: 'italic', children: ['it'] },
          ' ',
          { tag: 'italic', children: ['em'] },
          { tag: 'break', children: [] },
          'next',
        ],
      },
      { tag: 'list', children: [{ tag: 'item', children: ['a'] }, { tag: 'item', children: ['b'] }] },
      { tag: 'ordered-list', children: [{ tag: 'item', children: ['c'] }] },
    ]);
  });

  it('keeps links only to https MedlinePlus pages, without tracking parameters', () => {
    const { nodes } = sanitizeEducationHtml(
      '<p><a href="https://medlineplus.gov/stress.html?utm_source=mplusconnect">stress</a> ' +
        '<a href="javascript:alert(1)">js</a> <a href="https://evil.example/">evil</a> ' +
        '<a href="http://medlineplus.gov.evil.example/">lookalike</a> <a href=" JAVASCRIPT:alert(2)">js2</a> ' +
        '<a href="data:text/html,x">data</a> <a>bare</a></p>',
    );
    expect(links(nodes)).toEqual(['https://medlineplus.gov/stress.html']);
    expect(plainText(nodes)).toBe('stress js evil lookalike js2 data bare');
  });

  it('drops scripts, styles and every attribute, including event handlers', () => {
    const html =
      '<p onclick="steal()" style="color:red" class="x">Hello<script>alert("a")</script><style>p{}</style></p>' +
      '<img src="x" onerror="alert(1)"><SCRIPT type="text/javascript">evil()</SCRIPT >' +
      '<iframe src="https://evil.example">frame text</iframe><b onmouseover="x()">ok</b>' +
      '<svg><script>alert(3)</script></svg><noscript>ns</noscript>';
    const { nodes } = sanitizeEducationHtml(html);
    const text = plainText(nodes);
    expect(text).toBe('Hello ok');
    const json = JSON.stringify(nodes);
    for (const banned of ['alert', 'evil', 'onclick', 'onerror', 'onmouseover', 'style', 'src', 'steal']) {
      expect(json).not.toContain(banned);
    }
    for (const node of allNodes(nodes)) {
      expect(NARRATIVE_TAGS).toContain(node.tag);
      expect(Object.keys(node).every((key) => ['tag', 'children', 'href'].includes(key))).toBe(true);
    }
  });

  it('drops the content of an unclosed script to the end, as a browser would', () => {
    expect(plainText(sanitizeEducationHtml('<p>before</p><script>alert(1)<p>after</p>').nodes)).toBe('before');
  });

  it('keeps the text of unknown elements and headings as bold paragraphs', () => {
    const { nodes } = sanitizeEducationHtml('<h3>What is it?</h3><div><span>plain</span><table><tr><td>a</td><td>b</td></tr></table></div>');
    expect(nodes[0]).toEqual({ tag: 'paragraph', children: [{ tag: 'bold', children: ['What is it?'] }] });
    expect(plainText(nodes)).toBe('What is it? plain a b');
  });

  it('closes a paragraph when a list starts, as HTML does', () => {
    const { nodes } = sanitizeEducationHtml('<p class="NLMrelatedLinks"><ul><li><a href="https://medlineplus.gov/ency/article/1.htm">A1c</a></li></ul></p>');
    expect(nodes).toEqual([
      { tag: 'list', children: [{ tag: 'item', children: [{ tag: 'link', href: 'https://medlineplus.gov/ency/article/1.htm', children: ['A1c'] }] }] },
    ]);
  });

  it('takes the NLMattribution credit out of the text as the source', () => {
    const result = sanitizeEducationHtml('<p>Body.</p><p class="NLMattribution">  NIH: National Eye Institute</p>');
    expect(result.attribution).toBe('NIH: National Eye Institute');
    expect(plainText(result.nodes)).toBe('Body.');
  });

  it('decodes entities and keeps markup-looking text as text', () => {
    const { nodes } = sanitizeEducationHtml('Tom &amp; Jerry &lt;script&gt; &#233;t&eacute; &#x1F600; &#0; &nosuch; 3 < 4 and a< /a>');
    expect(plainText(nodes)).toBe('Tom & Jerry <script> été 😀 \ufffd &nosuch; 3 < 4 and a< /a>');
    expect(allNodes(nodes).map((node) => node.tag)).toEqual(['paragraph']);
  });

  it('wraps loose text into paragraphs and drops empty elements', () => {
    const { nodes } = sanitizeEducationHtml('Loose text <b>bold</b><p></p><p>   </p>\n<ul> <li></li> </ul>more');
    expect(nodes).toEqual([
      { tag: 'paragraph', children: ['Loose text ', { tag: 'bold', children: ['bold'] }] },
      { tag: 'paragraph', children: ['more'] },
    ]);
  });

  it('never throws on broken or hostile markup', () => {
    const pieces = ['<', '>', '</', '<p', '<a href="', '"', "'", '<ul>', '<li>', '</b>', '<b>', '&', '&#', ';', 'x', ' ', '<!--', '-->', '<script>', '<!DOCTYPE', '=', '/>', '<a href="https://medlineplus.gov/">'];
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 300; round++) {
      let html = '';
      const length = Math.floor(random() * 60);
      for (let i = 0; i < length; i++) html += pieces[Math.floor(random() * pieces.length)];
      const { nodes } = sanitizeEducationHtml(html);
      for (const node of allNodes(nodes)) {
        expect(NARRATIVE_TAGS).toContain(node.tag);
        if (node.href !== undefined) expect(node.href.startsWith('https://medlineplus.gov/')).toBe(true);
      }
    }
    const deep = '<b>'.repeat(5000) + 'deep' + '</b>'.repeat(5000);
    expect(plainText(sanitizeEducationHtml(deep).nodes)).toBe('deep');
  });
});
