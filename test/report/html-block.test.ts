/**
 * A `<details><summary>` line is a CommonMark HTML block: Markdown is not parsed in it, so a path or name
 * there must be HTML-escaped (`<code>`), never a Markdown code span that leaves `<`, `>` raw.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowCheck } from '../../src/check/flow-check.ts';
import { renderFlowSection } from '../../src/report/flow-section.ts';

const EVIL = 'flows/</details><img src=x onerror=alert(1)><a href="https://evil.example">@octocat</a>.json';
const flow = (path: string, extra: Partial<FlowCheck> = {}): FlowCheck => ({
  path,
  change: 'modified',
  friendlyName: 'Sales_IVR (main) <b>',
  findings: [{ severity: 'error', source: 'lint', rule: 'x', message: 'bad' }],
  validate: 'skipped',
  ...extra,
});
const summaryLine = (md: string) => md.split('\n').find((l) => l.startsWith('<details'))!;

describe('the <summary> line of a flow section', () => {
  for (const detail of ['full', 'compact'] as const) {
    it(`holds no raw tag from a hostile path or name (${detail})`, () => {
      const line = summaryLine(
        renderFlowSection(flow(EVIL, { previousPath: 'flows/<script>old</script>.json' }), detail),
      );
      const tags = [...line.matchAll(/<\/?([a-z]+)/gi)].map((m) => m[1]);
      assert.deepEqual(tags, ['details', 'summary', 'code', 'code', 'code', 'code', 'summary'], line);
      assert.ok(!line.includes('@octocat'), 'no mention');
      assert.match(line, /<code>flows\/&lt;\/details&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
    });
  }

  it('shows names as they are: no Markdown backslashes, which an HTML block would print literally', () => {
    const line = summaryLine(renderFlowSection(flow('flows/sales_ivr.json'), 'full'));
    assert.equal(
      line,
      '<details open><summary>❌ Sales_IVR (main) &lt;b&gt; — <code>flows/sales_ivr.json</code></summary>',
    );
  });
});
