// Checks the outputs of the self-test workflow's steps (passed in the environment). Exits 1 with
// a message naming what differs.
import assert from 'node:assert/strict';

const what = process.argv[2];
if (what === 'check') {
  assert.equal(process.env.VALID, 'false', 'examples/sms-survey.json has an error, so valid is false');
  const results = JSON.parse(process.env.RESULTS ?? '[]');
  const byPath = Object.fromEntries(results.map((r) => [r.path, r]));
  const ivr = byPath['examples/main-ivr.json'];
  const survey = byPath['examples/sms-survey.json'];
  assert.ok(ivr && survey, `both example flows were checked: ${Object.keys(byPath).join(', ')}`);
  assert.deepEqual(
    [ivr.validate, ivr.studio, ivr.liveRevision],
    ['valid', 'changed', 1],
    'main-ivr: valid, and changed against live r1',
  );
  const error = survey.findings.find((f) => f.severity === 'error');
  assert.ok(error, 'sms-survey: an error');
  assert.equal(error.line, 39, 'sms-survey: the error is at line 39');
  console.log(
    `check: valid=${process.env.VALID}; main-ivr ${ivr.studio} vs r${ivr.liveRevision}; sms-survey error at line ${error.line}: ${error.message}`,
  );
} else if (what === 'deploy') {
  const [first] = JSON.parse(process.env.DEPLOYED ?? '[]');
  const [second] = JSON.parse(process.env.REDEPLOYED ?? '[]');
  assert.deepEqual(
    [first?.path, first?.status, first?.previousRevision, first?.revision],
    ['examples/main-ivr.json', 'updated', 1, 2],
    'the first deploy updated r1 to r2',
  );
  assert.deepEqual([second?.status, second?.revision], ['unchanged', 2], 'the second deploy wrote nothing');
  console.log(
    `deploy: ${first.friendlyName} r${first.previousRevision} → r${first.revision}; re-run: ${second.status}`,
  );
} else {
  console.error('usage: verify.mjs check|deploy');
  process.exit(2);
}
