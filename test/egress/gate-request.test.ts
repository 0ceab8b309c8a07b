/**
 * The gate's hook on every GitHub request (src/egress/gate.ts `gateGitHub`), called directly as Octokit calls
 * it: every parameter that is request content is scrubbed however deep it sits (objects, arrays, mixed), its
 * shape kept; what Octokit itself uses (the URL template, headers, its `request` options with an abort
 * signal, the media type) passes untouched; a cyclic or absurdly deep value cannot hang or crash it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gateGitHub } from '../../src/egress/gate.ts';
import type { GitHub } from '../../src/github/client.ts';
import { createScrubber, REDACTED } from '../../src/secrets/credentials.ts';

const SECRET = 'gate-hook-secret-7f3a9c2e';

/** The hook gateGitHub registers, and the event name it registered it for. */
function hookOf(): { event: string; hook: (options: Record<string, unknown>) => void } {
  const scrubber = createScrubber();
  scrubber.add(SECRET);
  const found: { event: string; hook: (options: Record<string, unknown>) => void }[] = [];
  const gh = { hook: { before: (event: string, hook: never) => found.push({ event, hook }) } } as unknown as GitHub;
  assert.equal(gateGitHub(gh, scrubber), gh);
  assert.equal(found.length, 1);
  return found[0]!;
}

const nest = (levels: number, inner: unknown): unknown => (levels === 0 ? inner : nest(levels - 1, { a: inner }));

describe('the gate on GitHub requests', () => {
  it('is a hook before every request', () => {
    assert.equal(hookOf().event, 'request');
  });

  it('scrubs request content at any depth, keeping arrays arrays and non-text values as they are', () => {
    const { hook } = hookOf();
    const options: Record<string, unknown> = {
      body: `report ${SECRET}`,
      comments: [{ path: 'flows/a.json', body: `note ${SECRET}`, line: 3 }, `plain ${SECRET}`, ['x', SECRET]],
      labels: [],
      draft: false,
      line: 7,
      in_reply_to: null,
      extra: undefined,
      nested: { a: { b: { c: `${SECRET}` } } },
    };
    hook(options);
    assert.deepEqual(options, {
      body: `report ${REDACTED}`,
      comments: [{ path: 'flows/a.json', body: `note ${REDACTED}`, line: 3 }, `plain ${REDACTED}`, ['x', REDACTED]],
      labels: [],
      draft: false,
      line: 7,
      in_reply_to: null,
      extra: undefined,
      nested: { a: { b: { c: REDACTED } } },
    });
    assert.ok(Array.isArray(options.comments));
  });

  it("passes what Octokit uses itself untouched, the very same objects, even when they hold the secret's text", () => {
    const { hook } = hookOf();
    const signal = new AbortController().signal;
    const own = {
      method: `POST ${SECRET}`,
      url: `/repos/{owner}/{repo}/issues/{issue_number}/comments?${SECRET}`,
      baseUrl: `http://127.0.0.1:1/${SECRET}`,
      headers: { authorization: `token ${SECRET}`, 'user-agent': 'studio-flow-ci' },
      request: { signal, retries: 0 },
      mediaType: { format: SECRET, previews: [SECRET] },
    };
    const options: Record<string, unknown> = { ...own, body: SECRET };
    hook(options);
    for (const [key, value] of Object.entries(own)) assert.equal(options[key], value, key);
    assert.equal((options.request as { signal: AbortSignal }).signal, signal);
    assert.equal(options.body, REDACTED);
  });

  it('scrubs 33 levels deep, returns deeper values as they are, and never recurses without end', () => {
    const { hook } = hookOf();
    const options: Record<string, unknown> = { shallow: nest(33, SECRET), deep: nest(34, SECRET) };
    hook(options);
    assert.deepEqual(options.shallow, nest(33, REDACTED));
    assert.deepEqual(options.deep, nest(34, SECRET));
    const cycle: Record<string, unknown> = { body: SECRET };
    cycle.self = cycle;
    const list: unknown[] = [SECRET];
    list.push(list);
    const withCycles: Record<string, unknown> = { cycle, list };
    assert.doesNotThrow(() => hook(withCycles));
    assert.equal((withCycles.cycle as Record<string, unknown>).body, REDACTED);
    assert.equal((withCycles.list as unknown[])[0], REDACTED);
  });
});
