import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../src/errors.ts';
import { pickMode } from '../src/main.ts';

test('auto picks check for PR events and deploy for push and release', () => {
  for (const e of ['pull_request', 'pull_request_target', 'merge_group']) assert.equal(pickMode('auto', e), 'check');
  for (const e of ['push', 'release']) assert.equal(pickMode('auto', e), 'deploy');
  assert.equal(pickMode('auto', 'workflow_dispatch'), 'check');
  assert.equal(pickMode('deploy', 'pull_request'), 'deploy');
  assert.equal(pickMode('sync', 'schedule'), 'sync');
  assert.equal(pickMode('sync', 'workflow_dispatch'), 'sync');
});

test('auto on an event that says nothing asks for the mode input', () => {
  assert.throws(
    () => pickMode('auto', 'schedule'),
    (e: unknown) => e instanceof UserError && /set the 'mode' input to 'check', 'deploy' or 'sync'/.test(e.message),
  );
});
