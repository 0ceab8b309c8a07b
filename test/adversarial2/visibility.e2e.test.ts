/**
 * Issue 11 point 2: a PR may reveal live content only of flows the BASE branch maps to that file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_SHA, channels, definition, file, openPR, startKit, type Kit } from './kit.ts';

let kit: Kit;
before(async () => {
  kit = await startKit();
});
after(async () => {
  await kit.close();
});

describe('visibility', () => {
  // GitHub lists a PR's files against the merge base; the action reads "the base" at pull_request.base.sha
  // (the base branch's tip). A PR branched from an old commit, touching a flow file that main has since
  // deleted or renamed, is "modified" for GitHub but absent at base.sha: the gate then allows anything.
  test('a file "modified" against the merge base but gone at base.sha borrows any live flow', async () => {
    kit.studio.store.create({
      friendlyName: 'Payments IVR',
      status: 'published',
      definition: definition('internal https://payments.internal/api +15005550006'),
      commitMessage: BASE_SHA,
      valid: true,
      errors: [],
      warnings: [],
    });
    const head = file('Payments IVR', 'x');
    const run = await openPR(
      kit,
      { 'flows/retired.json': head },
      {
        base: {}, // base.sha no longer has flows/retired.json
        fileList: [{ filename: 'flows/retired.json', status: 'modified', patch: '@@ -1,1 +1,1 @@\n-old\n+new' }],
      },
    );
    const shown = Object.entries(channels(kit, run))
      .filter(([, t]) => t.includes('payments.internal') || t.includes('+15005550006'))
      .map(([n]) => n);
    assert.deepEqual(
      shown,
      [],
      `live content of a flow the base maps to no file is shown in: ${shown.join(', ')}\n${channels(kit, run).comment}`,
    );
  });

  test('a live-only widget (added in the Console) shows its name and values nowhere unmasked', async () => {
    const extra = {
      name: 'escalate_to_+15005550177',
      type: 'make-http-request',
      transitions: [{ event: 'success' }, { event: 'failed' }],
      properties: {
        method: 'POST',
        content_type: 'application/json;charset=utf-8',
        url: 'https://ops.internal.example/escalate',
        offset: { x: 0, y: 400 },
      },
    };
    const base = file('Console edits', 'base');
    const liveDef = definition('base', {}, [extra]);
    (liveDef.states[1] as any).transitions = [{ event: 'audioComplete', next: 'escalate_to_+15005550177' }];
    kit.studio.store.create({
      friendlyName: 'Console edits',
      status: 'published',
      definition: liveDef,
      commitMessage: BASE_SHA,
      valid: true,
      errors: [],
      warnings: [],
    });
    const run = await openPR(
      kit,
      { 'flows/console.json': file('Console edits', 'new from PR') },
      { base: { 'flows/console.json': base } },
    );
    const c = channels(kit, run);
    assert.match(c.comment ?? '', /Drift/);
    const shown = Object.entries(c)
      .filter(([, t]) => /ops\.internal|15005550177/.test(t))
      .map(([n]) => n);
    assert.deepEqual(shown, [], `live-only widget shown in ${shown.join(', ')}:\n${c.comment}`);
  });

  // The gate lets a renamed file borrow any flow when the base file at previous_filename does not parse as a
  // flow ("a broken base file maps nothing"): it returns "may be shown" instead of "hidden".
  test('a file renamed from a base file that is not a flow (or is broken JSON) borrows any live flow', async () => {
    kit.studio.store.create({
      friendlyName: 'Card vault',
      status: 'published',
      definition: definition('vault https://vault.internal/cards +15005550042'),
      commitMessage: BASE_SHA,
      valid: true,
      errors: [],
      warnings: [],
    });
    const run = await openPR(
      kit,
      { 'flows/vault.json': file('Card vault', 'x') },
      {
        base: { 'flows/notes.json': '{ "todo": "write this flow", ' }, // broken JSON on the base branch
        fileList: [
          {
            filename: 'flows/vault.json',
            status: 'renamed',
            previous_filename: 'flows/notes.json',
            patch: '@@ -1,1 +1,1 @@\n-old\n+new',
          },
        ],
      },
    );
    const c = channels(kit, run);
    const shown = Object.entries(c)
      .filter(([, t]) => /vault\.internal|15005550042/.test(t))
      .map(([n]) => n);
    assert.deepEqual(shown, [], `live content shown in ${shown.join(', ')}:\n${c.comment}`);
  });
});
