/** Issue 11 point 3: comments are ours only when written by the token's own identity. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorMatcher } from '../../src/github/identity.ts';
import { startsWithMarker } from '../../src/github/comment.ts';

test('a user named like the bot, without [bot], is not the workflow token', () => {
  const isOurs = authorMatcher('github-actions[bot]');
  assert.equal(isOurs({ login: 'github-actions', type: 'User' }), false);
  assert.equal(isOurs({ login: 'github-actions[bot]', type: 'User' }), false);
  assert.equal(isOurs({ login: 'github-actions[bot]', type: 'Bot' }), true);
});

// A PAT acting as user "octo-dev": a Bot account "octo-dev[bot]" (a GitHub App with that slug) is someone else.
test('a PAT user: a Bot whose login is the user login plus [bot] is not us', () => {
  const isOurs = authorMatcher('octo-dev');
  assert.equal(isOurs({ login: 'octo-dev', type: 'User' }), true);
  assert.equal(
    isOurs({ login: 'octo-dev[bot]', type: 'Bot' }),
    false,
    'another account (an App bot) is treated as the PAT user',
  );
});

test('look-alike markers are not ours', () => {
  const marker = '<!-- studio-flow-ci:check -->';
  for (const body of [
    '\u200b' + marker + '\nx',
    marker.replace('-->', '--\u2010>') + '\nx',
    ` ${marker}\nx`,
    `${marker}\r\nx`,
  ]) {
    assert.equal(startsWithMarker(body, marker), false, JSON.stringify(body));
  }
});
