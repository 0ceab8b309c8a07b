/**
 * The egress gate: every channel out of the process (ModeIO's, and every request to GitHub) scrubs the run's
 * credentials in every form. The channel list is checked against ModeIO itself, so none can bypass the gate.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createScrubber, REDACTED } from '../../src/secrets/credentials.ts';
import { gatedIO, gateGitHub, MODE_IO_CHANNELS } from '../../src/egress/gate.ts';
import { createGitHub } from '../../src/github/client.ts';
import { actionsIO, type ModeIO } from '../../src/io.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

const USER = `SK${'1f'.repeat(16)}`;
const SECRET = 'gate/secret+value=with spaces&more';
const GH_TOKEN = 'ghs_gateTestToken000000000000000000000';
const FORMS = [
  SECRET,
  encodeURIComponent(SECRET),
  new URLSearchParams({ s: SECRET }).toString().slice(2),
  `${USER}:${SECRET}`,
  Buffer.from(`${USER}:${SECRET}`).toString('base64'),
  encodeURIComponent(Buffer.from(`${USER}:${SECRET}`).toString('base64')),
  GH_TOKEN,
];
const EVERY_FORM = FORMS.join(' | ');

function scrubber() {
  const s = createScrubber();
  s.add(SECRET, USER);
  s.add(GH_TOKEN);
  return s;
}
const leaks = (text: string) => FORMS.filter((f) => text.includes(f));

describe('the egress gate', () => {
  it('covers every channel of ModeIO (a new channel must be added to the gate, or this fails)', () => {
    assert.deepEqual([...MODE_IO_CHANNELS].sort(), Object.keys(actionsIO()).sort());
  });

  it('scrubs every form of the credentials from every ModeIO channel', async () => {
    const seen: string[] = [];
    const record: ModeIO = {
      info: (m) => seen.push(m),
      warning: (m) => seen.push(m),
      annotate: (a) => seen.push(JSON.stringify(a)),
      setOutput: (n, v) => seen.push(`${n}=${v}`),
      summary: async (md) => void seen.push(md),
      group: async (name, fn) => (seen.push(name), fn()),
    };
    const io = gatedIO(record, scrubber());
    io.info(EVERY_FORM);
    io.warning(EVERY_FORM);
    io.annotate({ level: 'error', title: EVERY_FORM, message: EVERY_FORM, file: `flows/${SECRET}.json` });
    io.setOutput('results', JSON.stringify({ m: EVERY_FORM }));
    await io.summary(EVERY_FORM);
    await io.group(EVERY_FORM, async () => undefined);
    assert.equal(seen.length, MODE_IO_CHANNELS.length);
    for (const text of seen) {
      assert.deepEqual(leaks(text), [], text);
      assert.ok(text.includes(REDACTED), text);
    }
  });

  it('scrubs the forms an echoing upstream makes of them: base64 of any text holding the secret, unpadded, twice URL-encoded, upper-cased', () => {
    const token = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const s = createScrubber();
    s.add(token, USER);
    const basic = Buffer.from(`${USER}:${token}`).toString('base64');
    for (const echoed of [
      basic.replace(/=+$/, ''),
      encodeURIComponent(encodeURIComponent(basic)),
      Buffer.from(`AccountSid=${USER}&AuthToken=${token}`).toString('base64'),
      Buffer.from(`x${token}`).toString('base64url'),
      Buffer.from(`xy${token}y`).toString('base64'),
      token.toUpperCase(),
    ]) {
      const out = s.scrub(`echo: ${echoed} end`);
      assert.ok(out.includes(REDACTED), `${echoed} → ${out}`);
      const left = out.replace(REDACTED, '');
      for (const piece of [token, token.toUpperCase()])
        assert.ok(
          !Buffer.from(left.replace(/[^A-Za-z0-9+/_-]/g, ''), 'base64')
            .toString('latin1')
            .includes(piece.slice(4, 28)) && !left.includes(piece),
          left,
        );
    }
  });

  it('leaves text without credentials, and short values, as they are', () => {
    const s = createScrubber();
    s.add('short');
    s.add(SECRET, USER);
    assert.equal(s.scrub('a short note about flows/main.json'), 'a short note about flows/main.json');
  });

  describe('GitHub', () => {
    let fake: FakeGitHub;
    before(async () => {
      fake = await startFakeGitHub({ token: GH_TOKEN });
      fake.releases.set(7, { id: 7, tag_name: 'v1', body: '' });
    });
    after(() => fake.close());

    it('every request body is scrubbed; the token still authenticates (headers are not request content)', async () => {
      const gh = gateGitHub(createGitHub({ token: GH_TOKEN, baseUrl: fake.url }), scrubber());
      const repo = { owner: 'o', repo: 'r' };
      await gh.rest.issues.createComment({ ...repo, issue_number: 3, body: `report ${EVERY_FORM}` });
      await gh.rest.repos.updateRelease({ ...repo, release_id: 7, body: `notes ${EVERY_FORM}` });
      await gh.rest.pulls.createReviewComment({
        ...repo,
        pull_number: 3,
        commit_id: 'a'.repeat(40),
        path: 'flows/a.json',
        line: 1,
        side: 'RIGHT',
        body: `note ${EVERY_FORM}`,
      });
      const sent = JSON.stringify(fake.requests.map((r) => r.body));
      assert.deepEqual(leaks(sent), []);
      assert.equal(
        fake.requests.filter((r) => r.method !== 'GET').length,
        3,
        'all three writes were accepted with the token',
      );
      assert.match(fake.comments.get(3)?.[0]?.body ?? '', /^report \[redacted\]/);
    });
  });
});
