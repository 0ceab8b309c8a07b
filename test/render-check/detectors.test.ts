/**
 * The render check's detectors, on Markdown rendered the way GitHub does (no browser needed): each kind of
 * wrong rendering is caught, and a comment written the way our renderers write it passes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findProblems, mermaidProblems, type ProblemKind } from '../../scripts/render-check/detectors.ts';
import { githubHtml } from '../../scripts/render-check/github-html.ts';

const problems = (markdown: string, mustShow: string[] = []) => findProblems({ markdown, html: githubHtml(markdown), mustShow });
const kinds = (markdown: string, mustShow: string[] = []): ProblemKind[] => [...new Set(problems(markdown, mustShow).map((p) => p.kind))];

/** A comment the way our renderers write it: every construct they use, nothing wrong. */
const CLEAN = [
  '<!-- studio-flow-ci:check -->',
  '### ❌ Studio flows: 1 of 2 flows invalid (1 error)',
  '| Flow | File | Change | Studio | Result |\n| --- | --- | --- | --- | --- |\n| Main IVR \\| x | `a\\|b.json` | modified | r1 → r2 | ✅ valid |',
  '<details open><summary>✅ Main &lt;IVR&gt; &#64;&#8203;team — <code>flows/a`b`.json</code></summary>',
  'Main IVR · live r1 (published 2026-11-30, commit `3f2a9c1`) → **r2** on merge',
  '> [!WARNING]\n> **Drift:** live r3 differs from the base branch.',
  '- **Error** line 3:1, widget `w`: Widget "check\\_score" \\(split\\) — *Fix:* see https://www.twilio.com/docs',
  '```mermaid\nflowchart TD\n  n0["a"] --> n1["b"]\n```',
  '</details>',
  'Validated with Twilio Studio (`studio.twilio.com`) · [workflow run](https://github.com/o/r/actions/runs/1)',
  '<sub>studio-flow-ci · `abc1234`</sub>',
].join('\n\n');

describe('render-check detectors', () => {
  it('pass a comment written the way our renderers write it', () => {
    assert.deepEqual(problems(CLEAN, ['Main <IVR> @team']), []);
  });

  it('catch Markdown code spans inside a <summary> line (an HTML block shows the backticks)', () => {
    const md = '<details><summary>❌ Main IVR — `flows/main.json`</summary>\n\nbody\n\n</details>';
    const found = problems(md);
    assert.deepEqual(found.map((p) => p.kind), ['literal-markdown']);
    assert.match(found[0]?.message ?? '', /backtick.*flows\/main\.json/);
  });

  it('catch backslash escapes, bold, entities and tables shown as typed', () => {
    assert.deepEqual(kinds('<details><summary>check\\_score \\(x\\)</summary>\n\n</details>'), ['literal-markdown']);
    assert.deepEqual(kinds('<details><summary>x</summary>\n**Changes:** 2\n\n</details>'), ['literal-markdown']);
    assert.deepEqual(kinds('name &amp;lt;b&amp;gt;'), ['literal-markdown']);
    assert.deepEqual(kinds('<details><summary>x</summary>\n| a | b |\n| --- | --- |\n\n</details>'), ['literal-markdown']);
    assert.deepEqual(kinds('> [!NOTE] not at the start\n> x'), ['literal-markdown']);
  });

  it('catch a mention from content: GitHub decodes entities before it looks, so only a zero-width space defuses one', () => {
    assert.deepEqual(kinds('widget @octocat changed'), ['mention']);
    assert.deepEqual(kinds('<details><summary>x &#64;org/team</summary>\n\n</details>'), ['mention']);
    assert.deepEqual(kinds('widget &#64;&#8203;octocat and `@inside-code`', ['widget @octocat']), []);
  });

  it('catch raw HTML from content: an element, an attribute, a link', () => {
    const img = problems('Widget <img src=x onerror=alert(1)> changed');
    assert.deepEqual(img.map((p) => p.message), ['a <img> element from content is in the page (text "")', '<img> has an attribute src="x" from content']);
    assert.deepEqual(kinds('name <b title="t">bold</b>'), ['raw-html']);
    assert.deepEqual(kinds('<sub>x <kbd>k</kbd></sub>'), ['raw-html']);
    assert.deepEqual(kinds('call [support](https://evil.example/phish) now'), ['raw-html']);
    assert.deepEqual(kinds('see https://evil.example/phish'), [], 'an autolink shows its own address: GitHub makes it');
  });

  it('catch content that opened or closed a <details>, or that markup swallowed', () => {
    assert.deepEqual(kinds('<details><summary>a</summary>\n\nname <details> x\n\n</details>'), ['structure']);
    const closed = '<details><summary>a</summary>\n\nwidget </details><!-- studio-flow-ci:check --> y\n\n</details>';
    assert.deepEqual(kinds(closed, ['widget </details><!-- studio-flow-ci:check --> y']), ['lost-content']);
  });

  it('hostile punctuation shown as typed is not a problem; the same punctuation from markup is', () => {
    const name = 'tick`tock`` **b** a|---|';
    assert.deepEqual(problems(`<details><summary>${name}</summary>\n\n</details>`, [name]), []);
    const shownSomewhere = { markdown: `<details><summary>${name}</summary>\n\n</details>`, verbatim: [name, 'not in this page'] };
    assert.deepEqual(findProblems({ ...shownSomewhere, html: githubHtml(shownSomewhere.markdown) }), [], 'verbatim need not show');
    assert.deepEqual(kinds(`<details><summary>${name} \`x\`</summary>\n\n</details>`, [name]), ['literal-markdown']);
  });

  it('catch a Mermaid block that did not draw, a label that became markup, entity codes shown as typed', () => {
    const md = 'x\n\n```mermaid\nflowchart TD\n```\n\n```mermaid\nflowchart TD\n```';
    const drawn = { ok: true, tags: ['g', 'rect', 'foreignObject', 'span', 'br'], text: 'a' };
    assert.deepEqual(mermaidProblems(md, [drawn, drawn]), []);
    assert.match(mermaidProblems(md, [drawn, { ok: false, error: 'Parse error on line 2', tags: [], text: '' }])[0]?.message ?? '', /block 2 did not render: Parse error/);
    assert.match(mermaidProblems(md, [drawn])[0]?.message ?? '', /2 Mermaid blocks in the Markdown, 1 in the page/);
    assert.deepEqual(mermaidProblems(md, [drawn, { ...drawn, tags: ['g', 'img'] }]).map((p) => p.kind), ['raw-html']);
    assert.deepEqual(mermaidProblems(md, [drawn, { ...drawn, text: 'x#quot;y' }]).map((p) => p.kind), ['literal-markdown']);
  });
});
