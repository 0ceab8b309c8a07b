/**
 * The promises of src/github/comment.ts that need no GitHub: what counts as our marker line, that a body
 * without it is refused before anything is read or written, and what an environment's name may put inside
 * a hidden marker. (Finding, updating and de-duplicating our comment on a fake GitHub: ownership.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GitHub } from '../../src/github/client.ts';
import { markerScope, startsWithMarker, upsertStickyComment } from '../../src/github/comment.ts';

const MARKER = '<!-- studio-flow-ci:check -->';

test('a body that is the marker alone is ours; a missing body (null, undefined) never is', () => {
  assert.equal(startsWithMarker(MARKER, MARKER), true);
  assert.equal(startsWithMarker(`${MARKER}\nsummary`, MARKER), true);
  assert.equal(startsWithMarker(null, MARKER), false);
  assert.equal(startsWithMarker(undefined, MARKER), false);
  assert.equal(startsWithMarker('', MARKER), false);
  assert.equal(startsWithMarker(`${MARKER} trailing`, MARKER), false);
  assert.equal(startsWithMarker(`${MARKER}\r\nsummary`, MARKER), false, 'CRLF is not our line end');
  assert.equal(startsWithMarker(` ${MARKER}\n`, MARKER), false);
});

test('a sticky body that does not start with its marker is refused before GitHub is asked anything', async () => {
  const calls: string[] = [];
  const gh = new Proxy({}, { get: (_t, key) => (calls.push(String(key)), undefined) }) as GitHub;
  for (const body of ['summary\n' + MARKER, `quoted ${MARKER}`, '', `${MARKER}x`]) {
    await assert.rejects(upsertStickyComment(gh, { owner: 'o', repo: 'r' }, { issueNumber: 1, marker: MARKER, body }), {
      message: 'sticky comment body must start with its marker line',
    });
  }
  assert.deepEqual(calls, []);
});

test('an environment name in a marker keeps letters, digits, _ . and single -; anything else becomes _', () => {
  assert.equal(markerScope('staging'), 'staging');
  assert.equal(markerScope('eu-west_2.prod'), 'eu-west_2.prod');
  assert.equal(markerScope('a--b---c'), 'a-b-c', 'no "--" can end the HTML comment');
  assert.equal(markerScope('x -->\n<script>'), 'x_-___script_');
  assert.equal(markerScope('ünï café'), '_n__caf_');
  assert.equal(markerScope('@team #1'), '_team__1');
  assert.equal(markerScope('a'.repeat(5000)), 'a'.repeat(5000));
  assert.doesNotMatch(markerScope('--><!--'), /--/);
});
