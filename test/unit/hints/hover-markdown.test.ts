/**
 * Profile strings in hovers and the Recent Profiles tooltips are shown literally. The markdown is rendered by a
 * real CommonMark parser (markdown-it) with raw HTML and autolinks ON — stricter than VS Code,
 * which drops raw HTML — so a missing escape shows up as a tag or a link in the output.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { markdownText } from '../../../src/hints/markdown-text';
import { hoverMarkdown, REVEAL_FUNCTION_COMMAND } from '../../../src/hints/hover-markdown';
import { recentProfileTooltip } from '../../../src/sidebar/recent-profile-tooltip';
import type { ListedProfile } from '../../../src/store/profile-store';
import { HOSTILE, HOSTILE_EXTRA, HOSTILE_META } from '../../webview/xss-profile';

const md = new MarkdownIt({ html: true, linkify: true });

function decode(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

const hostile = [
  ...[HOSTILE.leafA, HOSTILE.leafB, HOSTILE.root, HOSTILE_EXTRA.bidi].flatMap((f) => [f.name, f.file]),
  HOSTILE_META.sampleType,
  HOSTILE_META.labelValue,
  '[click](https://evil.example/x) ![img](https://evil.example/i.png)',
  '<a href="javascript:alert(1)">x</a> <svg onload=alert(2)>',
  'https://evil.example/autolink www.evil.example mailto:a@evil.example',
  '`code` **bold** _em_ ~~strike~~ # heading',
  '$(zap) $(warning) icons',
  'a|b|c \\ &lt; &amp; &#60;script&#62;',
  '1. list\n- item\n> quote\n\n<script>alert(3)</script>',
  'line\r\nbreak\u2028sep',
];

test('markdownText: every hostile string renders as exactly its text (no tag, no link, no entity)', () => {
  for (const s of hostile) {
    const html = md.renderInline(markdownText(s));
    assert.doesNotMatch(html, /</, `markup made from ${JSON.stringify(s)}: ${html}`);
    assert.equal(decode(html), s.replace(/[\r\n\u2028]/g, ' '), `literal text of ${JSON.stringify(s)}`);
  }
});

test('markdownText keeps VS Code theme icons literal: every $( is escaped', () => {
  assert.doesNotMatch(markdownText('$(zap) a$(b)'), /(^|[^\\])\$\(/);
});

test('markdownText: a 100 KB name stays one literal run of text', () => {
  const name = HOSTILE_EXTRA.huge.name;
  assert.ok(name.length >= 100_000);
  const html = md.renderInline(markdownText(name));
  assert.doesNotMatch(html, /</);
  assert.equal(decode(html), name);
});

test('the hover: names literal, two links and both are our reveal command with the exact name (Flame, Sandwich)', () => {
  const fn = HOSTILE.leafA.name;
  const caller = HOSTILE.root.name;
  const callee = '[x](command:workbench.action.terminal.new) $(zap)';
  const text = hoverMarkdown({
    stale: '<img src=x onerror=alert(1)>.go changed',
    sampleType: HOSTILE_META.sampleType,
    unit: 'count',
    profileName: '<b>p</b>.pb.gz',
    diff: false,
    flat: '10ms',
    flatPercent: '5%',
    cum: '20ms',
    cumPercent: '10%',
    fn: { name: fn, profileUri: 'file:///w/%3Cb%3E.pb.gz' },
    callers: [{ name: caller, valueText: '10ms', percent: ' 50%' }],
    callees: [{ name: callee, valueText: '5ms', percent: '25%' }],
  });
  const html = md.render(text);
  // Only the elements our own markdown makes.
  const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
  assert.deepEqual([...tags].sort(), ['a', 'li', 'p', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul']);
  const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => decode(m[1]!));
  assert.equal(links.length, 2, `links: ${links.join(' | ')}`);
  const prefix = `command:${REVEAL_FUNCTION_COMMAND}?`;
  for (const link of links) assert.ok(link.startsWith(prefix), link);
  assert.deepEqual(JSON.parse(decodeURIComponent(links[0]!.slice(prefix.length))), ['file:///w/%3Cb%3E.pb.gz', fn]);
  assert.deepEqual(JSON.parse(decodeURIComponent(links[1]!.slice(prefix.length))), ['file:///w/%3Cb%3E.pb.gz', fn, 'sandwich']);
  const shown = decode(html.replace(/<[^>]*>/g, ''));
  for (const s of [fn, caller, callee, HOSTILE_META.sampleType, '<b>p</b>.pb.gz', '<img src=x onerror=alert(1)>.go changed']) {
    assert.ok(shown.includes(s), `${JSON.stringify(s)} shown literally in:\n${shown}`);
  }
  // Theme icons: only ours ($(warning), $(flame), $(split-vertical)) are unescaped.
  assert.deepEqual([...text.matchAll(/(^|[^\\])\$\(([\w-]+)\)/g)].map((m) => m[2]), ['warning', 'flame', 'split-vertical']);
});

test('a Recent Profiles tooltip shows a hostile file name, program and path literally', () => {
  const path = `/w/profiles/${HOSTILE.leafA.name}[x](https:\\evil)$(zap).pb.gz`;
  const text = recentProfileTooltip({
    profilePath: path,
    sizeBytes: 1,
    modified: new Date(0),
    sidecar: {
      program: HOSTILE.root.name,
      goVersion: 'go1.22 <script>alert(1)</script>',
      capture: { kind: 'cpu', source: 'javascript:alert(2)' },
    } as unknown as NonNullable<ListedProfile['sidecar']>,
  });
  const html = md.render(text);
  assert.deepEqual([...new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]))].sort(), ['p', 'strong']);
  const shown = decode(html.replace(/<[^>]*>/g, ''));
  for (const s of [path, HOSTILE.root.name, 'go1.22 <script>alert(1)</script>', 'javascript:alert(2)']) assert.ok(shown.includes(s), `${s} in ${shown}`);
  assert.doesNotMatch(text, /(^|[^\\])\$\(/);
});
