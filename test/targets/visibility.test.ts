import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveFlow, LiveLookup } from '../../src/studio/live.ts';
import { createLiveGate } from '../../src/targets/visibility.ts';

const sid = (n: number) => `FW${String(n).padStart(2, '0').repeat(16)}`;
const flows: Record<string, string> = { [sid(1)]: 'Notify', [sid(2)]: 'Payments' };
const live = (n: number): LiveFlow => ({
  sid: sid(n),
  friendlyName: flows[sid(n)]!,
  revision: 1,
  definition: {},
  commitMessage: null,
  dateUpdated: null,
  latestCommitMessage: null,
});
const lookup: LiveLookup = {
  flow: async (s) => (flows[s] ? live(Number(s.slice(2, 4))) : undefined),
  named: async (name) => Object.keys(flows).filter((s) => flows[s] === name),
};
const def = { states: [] };
const gate = (base: Record<string, string>) =>
  createLiveGate({ readBase: async (p) => base[p], environment: undefined, lookup });

describe('createLiveGate: a PR sees only the live flow the base branch maps its file to', () => {
  it('the same flow at the base (by name, by sid, or under the old path of a rename): shown', async () => {
    assert.equal(
      await gate({ 'flows/n.json': JSON.stringify({ friendly_name: 'Notify', definition: def }) })(
        { path: 'flows/n.json', status: 'modified' },
        live(1),
      ),
      undefined,
    );
    assert.equal(
      await gate({ 'flows/n.json': JSON.stringify({ sid: sid(1), definition: def }) })(
        { path: 'flows/n.json', status: 'modified' },
        live(1),
      ),
      undefined,
    );
    assert.equal(
      await gate({ 'flows/Notify.json': JSON.stringify(def) })(
        { path: 'flows/new.json', status: 'renamed', previousPath: 'flows/Notify.json' },
        live(1),
      ),
      undefined,
    );
  });

  it('another flow at the base, no flow at the base, or a new file: hidden, naming both sides', async () => {
    const other = await gate({ 'flows/n.json': JSON.stringify({ friendly_name: 'Notify', definition: def }) })(
      { path: 'flows/n.json', status: 'modified' },
      live(2),
    );
    assert.match(
      other ?? '',
      new RegExp(
        `flows/n\\.json is the Studio flow ${sid(2)} \\("Payments"\\) in this pull request, but the base branch maps flows/n\\.json to ${sid(1)}`,
      ),
    );
    assert.match(
      (await gate({ 'flows/n.json': JSON.stringify({ friendly_name: 'Nobody', definition: def }) })(
        { path: 'flows/n.json', status: 'modified' },
        live(1),
      )) ?? '',
      /maps flows\/n\.json to no flow in Studio/,
    );
    assert.match(
      (await gate({})({ path: 'flows/n.json', status: 'added' }, live(1))) ?? '',
      /the base branch has no such file/,
    );
  });

  it('fails closed: a base that cannot be read, is missing for a changed file, or does not parse hides the live content', async () => {
    // GitHub compares with the merge base: a "modified" file may be gone on the base branch since.
    assert.match(
      (await gate({})({ path: 'flows/n.json', status: 'modified' }, live(2))) ?? '',
      /the base branch has no flows\/n\.json/,
    );
    assert.match(
      (await gate({ 'flows/n.json': '{ nope' })({ path: 'flows/n.json', status: 'modified' }, live(2))) ?? '',
      /is not a flow file that maps one/,
    );
    const failing = createLiveGate({
      readBase: async () => {
        throw new Error('502');
      },
      environment: undefined,
      lookup,
    });
    assert.match(
      (await failing({ path: 'flows/n.json', status: 'modified' }, live(2))) ?? '',
      /could not be read on the base branch/,
    );
  });
});
