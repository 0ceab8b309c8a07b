/**
 * End to end, a hostile pull request against the bundle: for every class of the pull-request integrity work,
 * the run on a real event (and a pull_request_target run), asserting on every channel: the PR comment,
 * review comments, the job summary, the outputs and the log as the runner reads it.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type EmulatorHandle } from '../../src/emulator/server.ts';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from '../support/fake-github.ts';
import { sendJson, startRawServer, type RawServer } from '../support/raw-server.ts';
import { makeWorkspace, prPayload, runAction, type ActionRun } from '../support/run-action.ts';
import { commandsIn } from '../support/workflow-commands.ts';

const ACCOUNT = `AC${'5e'.repeat(16)}`;
const TOKEN_TW = 'hostile-pr-e2e-token-7f3a9c2b';
const BASIC = Buffer.from(`${ACCOUNT}:${TOKEN_TW}`).toString('base64');
const GH_TOKEN = 'ghs_hostilePrE2eToken00000000000000000';
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

let studio: EmulatorHandle;
let github: FakeGitHub;
let prNumber = 100;

function definition(say: string, extra: Record<string, unknown> = {}) {
  return {
    description: 'hostile',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [{ event: 'incomingCall', next: 'say' }],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'say',
        type: 'say-play',
        transitions: [{ event: 'audioComplete' }],
        properties: { say, offset: { x: 0, y: 200 }, ...extra },
      },
    ],
  };
}
const file = (name: string, say: string, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ friendly_name: name, definition: definition(say, extra) }, null, 2)}\n`;

before(async () => {
  studio = await startEmulator({ credentials: { accountSid: ACCOUNT, authToken: TOKEN_TW } });
  github = await startFakeGitHub({ token: GH_TOKEN });
});
after(async () => {
  await studio.close();
  await github.close();
});

/** Open a PR with these head files (and base files), run the check on it, return the run. */
async function openPR(
  files: Record<string, string | Buffer>,
  opts: {
    base?: Record<string, string>;
    studioUrl?: string;
    eventName?: string;
    inputs?: Record<string, string>;
    inDiff?: boolean;
  } = {},
): Promise<ActionRun & { number: number }> {
  const number = ++prNumber;
  // Every line of a head file is in the PR's diff (a patch that adds them all): review comments may go anywhere.
  const patch = (text: string) =>
    `@@ -0,0 +1,${text.split('\n').length - 1} @@\n${text
      .split('\n')
      .slice(0, -1)
      .map((l) => `+${l}`)
      .join('\n')}`;
  github.pullFiles.set(
    number,
    Object.entries(files).map(([filename, text]): FakeFile => ({
      filename,
      status: opts.base?.[filename] !== undefined ? 'modified' : 'added',
      ...(opts.inDiff === false ? {} : { patch: patch(String(text)) }),
    })),
  );
  github.contents.set(BASE_SHA, new Map(Object.entries(opts.base ?? {})));
  github.contents.set(HEAD_SHA, new Map(Object.entries(files).map(([p, t]) => [p, String(t)])));
  const workspace = await makeWorkspace({});
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, rel)), { recursive: true });
    await writeFile(path.join(workspace, rel), content);
  }
  const eventPath = await prPayload((p) => {
    p.number = number;
    p.pull_request.number = number;
  });
  const run = await runAction({
    workspace,
    eventName: opts.eventName ?? 'pull_request',
    eventPath,
    apiUrl: github.url,
    inputs: {
      'twilio-account-sid': ACCOUNT,
      'twilio-auth-token': TOKEN_TW,
      flows: 'flows/**/*.json',
      'studio-url': opts.studioUrl ?? studio.url,
      'github-token': GH_TOKEN,
      ...opts.inputs,
    },
  });
  return { ...run, number };
}

/** Everything the run put where people or GitHub read it. */
function channels(run: ActionRun & { number: number }): {
  comment: string;
  reviews: string;
  summary: string;
  outputs: string;
  log: string;
} {
  return {
    comment: (github.comments.get(run.number) ?? []).map((c) => c.body).join('\n'),
    reviews: (github.reviewComments.get(run.number) ?? []).map((c) => c.body).join('\n'),
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    log: run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
  };
}

describe('a hostile pull request, end to end', () => {
  test('a file name with a newline and workflow commands never becomes a command', async () => {
    const evil = 'flows/x\n::error file=a.json::pwned\n::set-output name=valid::true\n::stop-commands::gotcha\n.json';
    const run = await openPR({ [evil]: file('Evil name', 'hi'), 'flows/ok.json': file('Fine', 'hi') });
    const acted = commandsIn(run.stdout).filter((c) => c !== 'stop' && c !== 'resume');
    assert.deepEqual(
      acted.filter(
        (c) =>
          /pwned|set-output|gotcha/.test(c) && !c.startsWith('::error title=') && !c.startsWith('::warning title='),
      ),
      [],
      acted.join('\n'),
    );
    assert.equal(
      commandsIn(run.stdout).filter((c) => c === 'stop').length,
      commandsIn(run.stdout).filter((c) => c === 'resume').length,
      'every fence is closed',
    );
    assert.equal(run.outputs.valid, 'true', 'no forged output');
  });

  test('a path of </details><img …> renders as text in the comment and the summary, never as HTML', async () => {
    const evil = 'flows/</details><img src=x onerror=alert(1)><a href="https:/evil.example">@octocat</a>.json';
    const run = await openPR({ [evil]: file('Evil path', 'hi\n"pw":') });
    for (const [name, text] of Object.entries({ comment: channels(run).comment ?? '', summary: run.summary })) {
      assert.ok(text.length > 0, name);
      // A <summary> line is an HTML block: backticks do not protect there, only HTML escaping does.
      const summaries = text.split('\n').filter((l) => l.includes('<summary>'));
      assert.ok(summaries.length > 0, name);
      for (const line of summaries) assert.ok(!/<img|<a |(?<!&#)@octocat/i.test(line), `${name}: ${line}`);
      assert.ok(!/<img|<a /i.test(text.replace(/`[^`\n]*`/g, '')), `${name}: raw HTML outside code`);
    }
  });

  test('an upstream echoing the request in its errors: our credentials reach no channel, in any encoding', async () => {
    const echo: RawServer = await startRawServer((exchange, res) => {
      if (exchange.method === 'GET') return sendJson(res, 200, { flows: [], meta: { next_page_url: null } });
      const said = `${exchange.headers.authorization} ${exchange.body} ${TOKEN_TW} ${encodeURIComponent(TOKEN_TW)}`;
      sendJson(res, 400, {
        code: 81022,
        message: `Invalid: ${said}`,
        more_info: `https://x/?e=${encodeURIComponent(said)}`,
        status: 400,
        details: { errors: [{ message: said, property_path: '#/states/1/properties/say' }] },
      });
    });
    try {
      const run = await openPR({ 'flows/echo.json': file('Echo', 'hi') }, { studioUrl: echo.url });
      for (const [name, text] of Object.entries(channels(run))) {
        for (const secret of [TOKEN_TW, BASIC, encodeURIComponent(TOKEN_TW)])
          assert.ok(!text.includes(secret), `${name} leaks ${secret}`);
      }
      assert.equal(run.outputs.valid, 'false');
    } finally {
      await echo.close();
    }
  });

  test('secrets that exist only live (git holds REPLACE_ME) are never shown in the diff or drift', async () => {
    const live = {
      'x-functions-key': 'LIVEfnKEY0123456789abc',
      url: 'https://fn.azurewebsites.net/api/x?code=LIVEazureCODE987654zz',
    };
    studio.store.create({
      friendlyName: 'Hours',
      status: 'published',
      definition: definition('old', live),
      commitMessage: BASE_SHA,
      valid: true,
      errors: [],
      warnings: [],
    });
    const git = { 'x-functions-key': 'REPLACE_ME', url: 'https://fn.azurewebsites.net/api/x?code=REPLACE_ME' };
    const run = await openPR(
      { 'flows/hours.json': file('Hours', 'new', git) },
      { base: { 'flows/hours.json': file('Hours', 'old', git) } },
    );
    for (const [name, text] of Object.entries(channels(run))) {
      assert.ok(
        !text.includes('LIVEfnKEY0123456789abc') && !text.includes('LIVEazureCODE987654zz'),
        `${name} shows a live-only secret`,
      );
    }
    assert.match(channels(run).comment, /Drift|changes|Changes/);
  });

  test("a live-only value of any shape (an internal URL, a number edited in the Console) is masked; git's values are shown", async () => {
    const live = { url: 'https://payments.internal/v2/hook', to: '+15005550199' };
    studio.store.create({
      friendlyName: 'Hook',
      status: 'published',
      definition: definition('base text', live),
      commitMessage: BASE_SHA,
      valid: true,
      errors: [],
      warnings: [],
    });
    const base = file('Hook', 'base text', { url: 'https://example.com/hook', to: '{{contact.channel.address}}' });
    const run = await openPR(
      {
        'flows/hook.json': file('Hook', 'new text from the PR', {
          url: 'https://example.com/hook',
          to: '{{contact.channel.address}}',
        }),
      },
      { base: { 'flows/hook.json': base } },
    );
    const { comment } = channels(run);
    assert.match(comment, /Drift/);
    assert.ok(!comment.includes('payments.internal') && !comment.includes('+15005550199'), comment);
    assert.match(comment, /only in Studio/);
    assert.match(comment, /new text from the PR/);
    assert.ok(!run.summary.includes('payments.internal'));
  });

  test("credential-named values in the PR's own file (Azure key headers, a JSON body split over lines) are masked in every channel", async () => {
    const body = '{\n  "password":\n    "PRsplitPASSWORD-42"\n}';
    // Live holds other values: the diff shows the PR's values as the new ones.
    const before = { headers: [], body: '{}', url: 'https://x.example/a' };
    studio.store.create({
      friendlyName: 'Own secrets',
      status: 'published',
      definition: definition('hi', before),
      commitMessage: BASE_SHA,
      valid: true,
      errors: [],
      warnings: [],
    });
    const run = await openPR(
      {
        'flows/own.json': file('Own secrets', 'hi', {
          headers: [{ key: 'Ocp-Apim-Subscription-Key', value: 'PRapimKEY0123456789abcdef' }],
          'x-functions-key': 'PRfnKEY0123456789',
          body,
          url: 'https://x.example/a?key=PRqueryKEY123456',
        }),
      },
      { base: { 'flows/own.json': file('Own secrets', 'hi', before) } },
    );
    assert.match(channels(run).comment, /Changes/);
    for (const [name, text] of Object.entries(channels(run))) {
      for (const secret of ['PRapimKEY0123456789abcdef', 'PRfnKEY0123456789', 'PRsplitPASSWORD-42', 'PRqueryKEY123456'])
        assert.ok(!text.includes(secret), `${name} shows ${secret}`);
    }
  });

  test("a 70,000-character widget name: the review comment is cut under GitHub's cap, and the run ends with its outputs", async () => {
    const long = `w${'x'.repeat(70_000)}`;
    const def = definition('hi');
    def.states[1]!.name = long;
    (def.states[0]!.transitions[0] as { next: string }).next = `${long}-typo`;
    const run = await openPR({
      'flows/long.json': `${JSON.stringify({ friendly_name: 'Long', definition: def }, null, 2)}\n`,
    });
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout, /unexpected error/);
    assert.equal(run.outputs.valid, 'false');
    const reviews = github.reviewComments.get(run.number) ?? [];
    assert.ok(reviews.length > 0, 'the error got its review comment');
    for (const c of reviews) assert.ok(c.body.length <= 65_536, String(c.body.length));
    assert.ok((github.comments.get(run.number)?.[0]?.body.length ?? 0) <= 65_536);
  });

  test('Retry-After: 99999 on a rate limit: never reported as the time budget spent after a second', async () => {
    studio.faults = {
      share: 1,
      kinds: ['rate-limit'],
      retryAfterSeconds: 99_999,
      match: (r) => r.path === '/v2/Flows/Validate',
    };
    try {
      // 30 s left is less than the 120 s the action would wait at most: it stops at once, saying why.
      const run = await openPR({ 'flows/limited.json': file('Limited', 'hi') }, { inputs: { timeout: '30' } });
      const text = channels(run).comment + run.stdout;
      assert.doesNotMatch(text, /time limit of all Twilio Studio work in this run \(input 'timeout'\) is spent/);
      assert.match(
        text,
        /Studio asked to wait 99999 s \(Retry-After\), longer than the \d+(\.\d+)? s left of the 30 s time limit/,
      );
    } finally {
      studio.faults = undefined;
    }
  });

  test('a Latin-1 flow file is refused by name and line, never deployed with replacement characters', async () => {
    const text = file('Café', 'Caf\u00e9 hours');
    const run = await openPR({ 'flows/latin1.json': Buffer.from(text, 'latin1') });
    assert.equal(run.code, 1);
    assert.match(channels(run).comment, /not UTF-8 text: byte 0xE9 at line \d+, column \d+/);
    assert.ok(!Object.values(channels(run)).some((t) => t.includes('\uFFFD')));
  });

  test('Validate answering 10,000 errors: at most 10 error annotations, the last one counting the rest', async () => {
    const many: RawServer = await startRawServer((exchange, res) => {
      if (exchange.method === 'GET') return sendJson(res, 200, { flows: [], meta: { next_page_url: null } });
      sendJson(res, 400, {
        code: 81022,
        message: 'Flow definition validation failed',
        more_info: 'https://www.twilio.com/docs/errors/81022',
        status: 400,
        details: {
          errors: Array.from({ length: 10_000 }, (_, i) => ({
            message: `bad ${i}`,
            property_path: `#/states/1/properties/p${i}`,
          })),
        },
      });
    });
    try {
      // Not in the diff: 25 review comments would take GitHub's write throttling over a minute, beside the point here.
      const run = await openPR({ 'flows/many.json': file('Many', 'hi') }, { studioUrl: many.url, inDiff: false });
      assert.equal(run.code, 1, run.stdout.slice(-500));
      assert.match(run.stdout, /PR comment created/);
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error title='));
      assert.equal(errors.length, 10);
      assert.match(errors.at(-1) ?? '', /more errors in flows\/many\.json are not shown as annotations/);
      assert.ok(JSON.parse(run.outputs.results ?? '[]')[0].findings.length <= 101);
    } finally {
      await many.close();
    }
  });

  test('a next_page_url to another host never receives the Authorization header', async () => {
    const elsewhere: RawServer = await startRawServer((_e, res) =>
      sendJson(res, 200, { flows: [], meta: { next_page_url: null } }),
    );
    const odd: RawServer = await startRawServer((exchange, res) => {
      if (exchange.method === 'GET')
        return sendJson(res, 200, {
          flows: [],
          meta: { next_page_url: `https://studio.twilio.com//${new URL(elsewhere.url).host}/v2/Flows?Page=1` },
        });
      sendJson(res, 200, { valid: true });
    });
    try {
      const run = await openPR({ 'flows/pages.json': file('Pages', 'hi') }, { studioUrl: odd.url });
      assert.equal(elsewhere.exchanges.length, 0);
      assert.match(channels(run).comment + run.stdout, /next_page_url/);
    } finally {
      await odd.close();
      await elsewhere.close();
    }
  });

  test('pull_request_target: another flow named by the PR shows no live content, and nothing is written to Studio', async () => {
    studio.store.create({
      friendlyName: 'Payments IVR',
      status: 'published',
      definition: definition('internal https://payments.internal/api +15005550006'),
      commitMessage: BASE_SHA,
      valid: true,
      errors: [],
      warnings: [],
    });
    studio.requests.length = 0;
    const run = await openPR({ 'flows/x.json': file('Payments IVR', '') }, { eventName: 'pull_request_target' });
    for (const [name, text] of Object.entries(channels(run))) {
      assert.ok(
        !text.includes('payments.internal') && !text.includes('+15005550006'),
        `${name} shows another flow's live value`,
      );
    }
    assert.ok(
      studio.requests.every((r) => r.method === 'GET' || r.path === '/v2/Flows/Validate'),
      'a check never writes to Studio',
    );
  });
});
