import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { viewOf } from '../../src/config/environment.ts';
import { parseConfig } from '../../src/config/load.ts';
import { previousIdentityOf, withPreviousIdentities } from '../../src/targets/previous.ts';

const SID_A = `FW${'aa'.repeat(16)}`;
const SID_B = `FW${'bb'.repeat(16)}`;
const definition = { description: 'x', initial_state: 'Trigger', flags: { allow_concurrent_calls: true }, states: [] };
const files: Record<string, string> = {
  'flows/named.json': JSON.stringify({ friendly_name: 'Greeting', sid: SID_A, definition }),
  'flows/bare.json': JSON.stringify(definition),
  'flows/broken.json': '{ not json',
};
const readBase = async (path: string) => files[path];

describe('previousIdentityOf: the flow a renamed file was', () => {
  it("the old file's own name and SID; its file name when it gives none, is not there, or does not parse", async () => {
    assert.deepEqual(await previousIdentityOf('flows/named.json', { readBase, environment: undefined }), {
      path: 'flows/named.json',
      friendlyName: 'Greeting',
      sid: SID_A,
    });
    assert.deepEqual(await previousIdentityOf('flows/bare.json', { readBase, environment: undefined }), {
      path: 'flows/bare.json',
      friendlyName: 'bare',
    });
    assert.deepEqual(await previousIdentityOf('flows/gone.json', { readBase, environment: undefined }), {
      path: 'flows/gone.json',
      friendlyName: 'gone',
    });
    assert.deepEqual(await previousIdentityOf('flows/broken.json', { readBase, environment: undefined }), {
      path: 'flows/broken.json',
      friendlyName: 'broken',
    });
  });

  it("with an environment: the BASE config's entry for the old path, never the file's own sid", async () => {
    const config = parseConfig(
      'c.yml',
      `environments: { staging: {} }\nflows:\n  - path: flows/named.json\n    environments: { staging: { friendly_name: Greeting (staging) } }\n  - path: flows/bare.json\n    environments: { staging: { sid: ${SID_B} } }\n`,
    );
    const environment = viewOf(config, 'staging');
    assert.deepEqual(await previousIdentityOf('flows/named.json', { readBase, environment }), {
      path: 'flows/named.json',
      friendlyName: 'Greeting (staging)',
    });
    assert.deepEqual(await previousIdentityOf('flows/bare.json', { readBase, environment }), {
      path: 'flows/bare.json',
      friendlyName: 'bare',
      sid: SID_B,
    });
  });

  it('a read that fails is said (one line), never guessed', async () => {
    const failing = async () => {
      throw new Error('HTTP 502 Bad Gateway\nat something');
    };
    assert.deepEqual(await previousIdentityOf('flows/named.json', { readBase: failing, environment: undefined }), {
      path: 'flows/named.json',
      unreadable: 'HTTP 502 Bad Gateway',
    });
  });

  it('only renamed files are read, each once', async () => {
    const reads: string[] = [];
    const counting = async (path: string) => (reads.push(path), files[path]);
    const changes = await withPreviousIdentities(
      [
        { path: 'flows/new.json', status: 'renamed', previousPath: 'flows/named.json' },
        { path: 'flows/x.json', status: 'modified' },
        { path: 'flows/y.json', status: 'renamed', previousPath: 'flows/y.json' },
      ],
      { readBase: counting, environment: undefined },
    );
    assert.deepEqual(reads, ['flows/named.json']);
    assert.deepEqual(
      changes.map((c) => c.previous?.path),
      ['flows/named.json', undefined, undefined],
    );
  });
});
