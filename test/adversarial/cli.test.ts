/** Adversarial: the CLI takes the flow from the same identity rules (issue 10, point 1). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { runCli } from '../cli/run-cli.ts';
import { makeWorkspace } from '../support/run-action.ts';
import { ACCOUNT, definition, freshStudio, h, json, says, seed, startAll, stopAll, TOKEN_TW } from './kit.ts';

before(startAll);
beforeEach(freshStudio);
after(stopAll);

const env = () => ({ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN_TW });
const config = `environments:\n  staging: {}\nflows:\n  - path: flows/notify.json\n    environments:\n      staging: { friendly_name: Notify (staging) }\n`;

test("CLI diff --environment staging diffs against the staging flow, not the file's own production sid", async () => {
  const production = seed('Notify', 'production text');
  const staging = seed('Notify (staging)', 'staging text');
  const ws = await makeWorkspace({
    'flows/notify.json': json({ sid: production, friendly_name: 'Notify', definition: definition('new') }),
    '.github/studio-flow-ci.yml': config,
  });
  const run = await runCli(
    ['diff', '--workspace', ws, '--environment', 'staging', '--studio-url', h.studio.url, '--no-progress'],
    { env: env() },
  );
  const out = run.stdout + run.stderr;
  assert.match(out, /say: staging text → new/, out);
  void staging;
  assert.doesNotMatch(out, new RegExp(`${production}(?![^\\n]*not used)`), out);
});

test('CLI deploy of a draft-only flow whose draft equals the file publishes it', async () => {
  const sid = seed('Survey', 'same', 'draft', null);
  const ws = await makeWorkspace({
    'flows/survey.json': json({ friendly_name: 'Survey', definition: definition('same') }),
  });
  const run = await runCli(
    [
      'deploy',
      '--workspace',
      ws,
      '--studio-url',
      h.studio.url,
      '--sha',
      'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      '--no-progress',
    ],
    { env: env() },
  );
  assert.ok(
    says(sid).some(([, s]) => s === 'published'),
    `store ${JSON.stringify(says(sid))}; code ${run.code}; ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`,
  );
});
