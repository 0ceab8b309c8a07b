/**
 * The render check's browser half: Mermaid in headless Chromium draws a good block and reports a broken one.
 * Skipped, saying why, where Debian's chromium is not installed (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CHROMIUM, hasChromium, launch, show } from '../../scripts/render-check/browser.ts';
import { findProblems } from '../../scripts/render-check/detectors.ts';
import { githubHtml } from '../../scripts/render-check/github-html.ts';

const skip = (await hasChromium()) ? false : `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set SFCI_CHROMIUM)`;

const GOOD = '```mermaid\nflowchart TD\n  n0["greet #lt;img#gt; #quot;x#quot;<br/>say-play"] -->|"done"| n1["end"]\n```';
/** An unescaped `"` and `]` in a label, as a widget name would bring them: Mermaid cannot parse it. */
const BROKEN = '```mermaid\nflowchart TD\n  n0["say "hi"] now"] --> n1["end"]\n```';

describe('render-check in Chromium', { skip }, () => {
  it('draws a Mermaid block with entity-coded labels, reports a broken one, saves a screenshot', async () => {
    const markdown = `one\n\n${GOOD}\n\ntwo\n\n${BROKEN}\n`;
    const browser = await launch();
    try {
      const screenshot = path.join(await mkdtemp(path.join(tmpdir(), 'sfci-render-test-')), 'page.png');
      const shown = await show(browser, { html: githubHtml(markdown), title: 'test', screenshot });
      assert.equal(shown.mermaid.length, 2);
      assert.equal(shown.mermaid[0]?.ok, true, shown.mermaid[0]?.error);
      assert.match(shown.mermaid[0]?.text ?? '', /greet <img> "x"/);
      assert.equal(shown.mermaid[1]?.ok, false);
      const problems = findProblems({ markdown, html: shown.html, mermaid: shown.mermaid });
      assert.deepEqual(problems.map((p) => p.kind), ['mermaid']);
      assert.match(problems[0]?.message ?? '', /Mermaid block 2 did not render/);
      assert.ok((await stat(screenshot)).size > 1000, 'a PNG was written');
    } finally {
      await browser.close();
    }
  });
});
