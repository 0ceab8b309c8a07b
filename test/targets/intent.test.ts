import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowTarget } from '../../src/config/model.ts';
import { intentOf, offlineKey, type EnvironmentView, type OwnFields } from '../../src/targets/intent.ts';

const FILE_SID = `FW${'f1'.repeat(16)}`;
const ENV_SID = `FW${'e2'.repeat(16)}`;

function view(name: string | undefined, targets: Record<string, FlowTarget> = {}): EnvironmentView {
  return { ...(name ? { name } : {}), targetOf: (path) => targets[path] ?? {}, variables: name ? {} : undefined };
}
const own = (fields: Partial<OwnFields> = {}): OwnFields => ({
  friendlyName: 'notify',
  nameSource: 'file-name',
  ...fields,
});

describe('intentOf: which flow a file asks for', () => {
  it("uses the environment entry's SID, and its name", () => {
    const intent = intentOf({
      path: 'flows/notify.json',
      own: own({ sid: FILE_SID, friendlyName: 'Notify', nameSource: 'file' }),
      environment: view('staging', { 'flows/notify.json': { sid: ENV_SID, friendlyName: 'Notify (staging)' } }),
    });
    assert.deepEqual(
      [intent.sid, intent.sidSource, intent.friendlyName, intent.nameSource, intent.ignoredSid],
      [ENV_SID, 'environment', 'Notify (staging)', 'config', FILE_SID],
    );
  });

  it("never uses the file's own sid when an environment is selected, even with no entry for the file", () => {
    for (const targets of [{}, { 'flows/notify.json': { friendlyName: 'Notify (staging)' } }] as Record<
      string,
      FlowTarget
    >[]) {
      const intent = intentOf({
        path: 'flows/notify.json',
        own: own({ sid: FILE_SID, friendlyName: 'Notify', nameSource: 'file' }),
        environment: view('staging', targets),
      });
      assert.equal(intent.sid, undefined);
      assert.equal(intent.ignoredSid, FILE_SID);
    }
  });

  it("uses the file's own sid without an environment (a config file alone selects none)", () => {
    for (const environment of [undefined, view(undefined, { 'flows/notify.json': { friendlyName: 'Default name' } })]) {
      const intent = intentOf({ path: 'flows/notify.json', own: own({ sid: FILE_SID }), environment });
      assert.deepEqual([intent.sid, intent.sidSource, intent.ignoredSid], [FILE_SID, 'file', undefined]);
    }
  });

  it('falls back from the config name to the file name, then to the file name', () => {
    assert.equal(
      intentOf({ path: 'flows/a.json', own: own({ friendlyName: 'From file', nameSource: 'file' }) }).friendlyName,
      'From file',
    );
    assert.equal(intentOf({ path: 'flows/a.json', own: own({ friendlyName: 'a' }) }).nameSource, 'file-name');
  });

  it('a renamed file named by its file name also asks for its old name; one with its own name or a SID does not', () => {
    const renamed = intentOf({
      path: 'flows/welcome.json',
      own: own({ friendlyName: 'welcome' }),
      previousPath: 'flows/greeting.json',
    });
    assert.deepEqual(renamed.previous, { path: 'flows/greeting.json', friendlyName: 'greeting' });
    assert.equal(
      intentOf({
        path: 'flows/welcome.json',
        own: own({ friendlyName: 'Welcome', nameSource: 'file' }),
        previousPath: 'flows/greeting.json',
      }).previous,
      undefined,
    );
    assert.equal(
      intentOf({ path: 'flows/welcome.json', own: own({ sid: FILE_SID }), previousPath: 'flows/greeting.json' })
        .previous,
      undefined,
    );
    // Moved to another folder under the same name: nothing to carry over.
    assert.equal(
      intentOf({
        path: 'flows/new/greeting.json',
        own: own({ friendlyName: 'greeting' }),
        previousPath: 'flows/greeting.json',
      }).previous,
      undefined,
    );
  });

  it('keys files offline by SID, else by name', () => {
    assert.equal(offlineKey(intentOf({ path: 'a.json', own: own({ sid: FILE_SID }) })), `sid:${FILE_SID}`);
    assert.equal(
      offlineKey(intentOf({ path: 'a.json', own: own({ friendlyName: 'X', nameSource: 'file' }) })),
      'name:X',
    );
  });
});
