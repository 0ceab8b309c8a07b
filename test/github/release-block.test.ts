/** This environment's block in release notes when a person edited the markers (src/github/release-block.ts). */
import { test } from 'node:test';
import { replaceDeployBlock } from '../../src/github/release-block.ts';

const block = (content: string) => ({ start: '<!-- s -->', end: '<!-- /s -->', content });
const ours = [
  '### Studio deploy of `abc1234`',
  '',
  '**Deployed 1 of 1 flows** (0 already matched Studio).',
  '',
  'Scope: release v1: every flow.',
  '',
  '| Flow | File | State | Live revision | SID |',
  '| --- | --- | --- | --- | --- |',
  '| A | `a.json` | 🚀 updated | r1 → r2 | `FW1` |',
  '',
  '- `a.json` (updated): renamed from "a" to "A"',
].join('\n');

test('end marker deleted: our old block is replaced, a human text after it is kept, and it says so', (t) => {
  const body = `Human notes.\n\n<!-- s -->\n${ours}\n\n## Upgrade steps (human)\nRun the migration first.\n`;
  const next = replaceDeployBlock(body, block('new report'));
  t.assert.equal(
    next.body,
    'Human notes.\n\n<!-- s -->\nnew report\n<!-- /s -->\n\n## Upgrade steps (human)\nRun the migration first.\n',
  );
  t.assert.equal(next.recovered, true);
});

test('end marker deleted and a human line right under our table: the line is kept (never dropped unless shown ours)', (t) => {
  const body = `<!-- s -->\n${ours}\nPlease read the upgrade notes.`;
  t.assert.match(replaceDeployBlock(body, block('x')).body, /<!-- \/s -->\n\nPlease read the upgrade notes\.\n$/);
});

test('end marker deleted with nothing after it: just our new block; with both markers: no warning', (t) => {
  t.assert.deepEqual(replaceDeployBlock(`<!-- s -->\n${ours}\n`, block('x')), {
    body: '<!-- s -->\nx\n<!-- /s -->\n',
    recovered: true,
  });
  t.assert.deepEqual(replaceDeployBlock(`<!-- s -->\n${ours}\n<!-- /s -->\ntail`, block('x')), {
    body: '<!-- s -->\nx\n<!-- /s -->\n\ntail\n',
  });
});
