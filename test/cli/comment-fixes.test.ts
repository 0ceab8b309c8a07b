/**
 * The pull-request comment as the CLI prints it (--markdown): the "Changes" summary is said once, and a
 * change too big for a Mermaid picture says so in one line instead of silently having none.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './run-cli.ts';

/** A chain of `n` say-play widgets after the Trigger, each saying `text` with its number. */
function chain(name: string, n: number, text: string) {
  const says = Array.from({ length: n }, (_, i) => ({
    name: `say_${i}`,
    type: 'say-play',
    transitions: [{ event: 'audioComplete', ...(i + 1 < n ? { next: `say_${i + 1}` } : {}) }],
    properties: { say: `${text} ${i}`, offset: { x: 0, y: 100 * (i + 1) } },
  }));
  const trigger = {
    name: 'Trigger',
    type: 'trigger',
    transitions: [{ event: 'incomingMessage' }, { event: 'incomingCall', next: 'say_0' }, { event: 'incomingRequest' }],
    properties: { offset: { x: 0, y: 0 } },
  };
  return {
    friendly_name: name,
    definition: {
      description: name,
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true },
      states: [trigger, ...says],
    },
  };
}
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

let ws: string;
before(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'sfci-comment-'));
  await mkdir(path.join(ws, 'live'));
  await mkdir(path.join(ws, 'flows'));
  const files: Record<string, unknown> = {
    'live/big.json': chain('Big', 57, 'Hello'),
    'flows/big.json': chain('Big', 57, 'Welcome'),
    'live/small.json': chain('Small', 5, 'Hello'),
    'flows/small.json': chain('Small', 5, 'Welcome'),
    'live/edge.json': chain('Edge', 39, 'Hello'),
    'flows/edge.json': chain('Edge', 39, 'Welcome'),
  };
  for (const [file, value] of Object.entries(files)) await writeFile(path.join(ws, file), json(value));
});
after(() => rm(ws, { recursive: true, force: true }));

/** The section of one flow file in the comment. */
function sectionOf(comment: string, file: string): string {
  const start = comment.indexOf(`<code>${file}</code></summary>`);
  assert.ok(start >= 0, `no section for ${file}`);
  const next = comment.indexOf('<details open><summary>✅', start + 1);
  return comment.slice(start, next < 0 ? undefined : next);
}

describe('the comment printed by validate --markdown', () => {
  test('demo: the Changes summary of the example IVR is said once, in its <summary>', async () => {
    const run = await runCli(['demo']);
    assert.equal(run.code, 0, run.stderr);
    const summary = '1 widget removed, 2 changed; 1 moved on the canvas';
    assert.equal(
      run.stdout.split(summary).length - 1,
      1,
      `"${summary}" appears more than once:\n${run.stdout.slice(0, 2000)}`,
    );
    assert.match(run.stdout, new RegExp(`<summary>Changes: ${summary}</summary>\\n\\n\\*\\*Removed\\*\\*`));
  });

  test('a change too big for the picture says so in one line; smaller ones (up to the cap: 39 widgets and the Trigger) still have theirs', async () => {
    const run = await runCli(
      ['validate', '--emulator-seed', path.join(ws, 'live'), '--markdown', '--fail-on', 'never', 'flows'],
      { cwd: ws },
    );
    assert.equal(run.code, 0, run.stderr);
    const big = sectionOf(run.stdout, 'flows/big.json');
    assert.doesNotMatch(big, /```mermaid/);
    const notes = big.split('\n').filter((line) => line.includes('Picture omitted'));
    assert.deepEqual(notes, ['_Picture omitted: 58 widgets changed or next to a change, more than 40 fit._']);
    for (const file of ['flows/small.json', 'flows/edge.json']) {
      const section = sectionOf(run.stdout, file);
      assert.match(section, /```mermaid\nflowchart TD/, file);
      assert.doesNotMatch(section, /Picture omitted/, file);
    }
  });
});
