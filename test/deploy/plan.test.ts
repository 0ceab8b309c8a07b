/** What a deploy would write, and when Studio already holds it (src/deploy/plan.ts). */
import { test } from 'node:test';
import { sameness } from '../../src/deploy/plan.ts';
import { item } from './support.ts';

const live = (opts: { name?: string; draftOnly?: boolean } = {}) => {
  const i = item('survey.json', { live: 1, name: 'Survey' });
  if (opts.name) i.live!.friendlyName = opts.name;
  if (opts.draftOnly) i.live!.draftOnly = true;
  return i;
};

test('unchanged only when the definition, the name and (for a published deploy) a published revision all match', (t) => {
  t.assert.deepEqual(sameness(live(), { identical: true, status: 'published' }), { unchanged: true });
  t.assert.deepEqual(sameness(live(), { identical: false, status: 'published' }), { unchanged: false });
  t.assert.deepEqual(sameness(item('new.json'), { identical: true, status: 'published' }), { unchanged: false });
});

test('a draft-only flow whose draft equals the file is published, and that write only publishes (never drift)', (t) => {
  t.assert.deepEqual(sameness(live({ draftOnly: true }), { identical: true, status: 'published' }), {
    unchanged: false,
    onlyPublish: true,
    why: 'published for the first time (it was a draft only)',
  });
  t.assert.deepEqual(
    sameness(live({ draftOnly: true }), { identical: true, status: 'draft' }),
    { unchanged: true },
    'a draft deploy has nothing to write',
  );
});

test('a name-only change renames the flow: written, and the report says from what to what', (t) => {
  t.assert.deepEqual(sameness(live({ name: 'greeting' }), { identical: true, status: 'published' }), {
    unchanged: false,
    why: 'renamed from "greeting" to "Survey"',
  });
  t.assert.deepEqual(sameness(live({ name: 'greeting', draftOnly: true }), { identical: true, status: 'published' }), {
    unchanged: false,
    why: 'renamed from "greeting" to "Survey"; published for the first time (it was a draft only)',
  });
});

test('hostile names: a name differing only by case, by trailing space or by Unicode form is a rename, never "unchanged"', (t) => {
  for (const name of ['survey', 'Survey ', 'Surve\u0301y'.normalize('NFD')]) {
    t.assert.equal(
      sameness(live({ name }), { identical: true, status: 'published' }).unchanged,
      false,
      JSON.stringify(name),
    );
  }
});
