import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../src/errors.ts';
import { readSettings, splitList } from '../src/settings.ts';

const ACCOUNT = `AC${'0a'.repeat(16)}`;
const KEY = `SK${'0b'.repeat(16)}`;

function settingsOf(inputs: Record<string, string>) {
  const masked: string[] = [];
  const settings = readSettings(
    (name) => inputs[name] ?? '',
    (s) => masked.push(s),
  );
  return { settings, masked };
}

function errorOf(inputs: Record<string, string>): string {
  try {
    readSettings(
      (name) => inputs[name] ?? '',
      () => {},
    );
  } catch (error) {
    assert.ok(error instanceof UserError, 'a bad input is a UserError');
    return error.message;
  }
  assert.fail('expected readSettings to throw');
}

test('defaults: offline, flows/**/*.json, Twilio Studio, auto, fail on error, safe deploys', () => {
  const { settings } = settingsOf({});
  assert.deepEqual(settings, {
    credentials: undefined,
    flows: ['flows/**/*.json'],
    studioUrl: 'https://studio.twilio.com',
    githubToken: '',
    mode: 'auto',
    failOn: 'error',
    configPath: '.github/studio-flow-ci.yml',
    junitReport: '',
    environment: '',
    deploy: {
      scope: 'changed',
      status: 'published',
      commitMessage: '{sha}',
      onDrift: 'fail',
      onFailure: 'rollback',
      allowCreate: true,
      branches: [],
      tag: '',
    },
    rollback: { flow: '', revision: undefined },
    concurrency: 4,
    requestTimeoutMs: 30_000,
    timeoutMs: 600_000,
    syncNew: [],
    syncStatus: 'published',
    syncFolder: 'flows',
    syncBranch: 'studio-sync/default',
    syncPr: true,
    syncLabels: ['studio-sync'],
    failOnDrift: false,
  });
});

test('limits: concurrency, request-timeout and timeout are whole numbers in range, named when wrong', () => {
  const { settings } = settingsOf({ concurrency: '8', 'request-timeout': '5', timeout: '120' });
  assert.deepEqual([settings.concurrency, settings.requestTimeoutMs, settings.timeoutMs], [8, 5_000, 120_000]);
  assert.equal(errorOf({ concurrency: '0' }), "Input 'concurrency' must be a whole number from 1 to 32, got '0'.");
  assert.equal(errorOf({ concurrency: '100' }), "Input 'concurrency' must be a whole number from 1 to 32, got '100'.");
  assert.equal(
    errorOf({ 'request-timeout': '2.5' }),
    "Input 'request-timeout' must be a whole number from 1 to 600, got '2.5'.",
  );
  assert.equal(errorOf({ timeout: '5' }), "Input 'timeout' must be a whole number from 10 to 21600, got '5'.");
});

test('rollback inputs: the revision must be a positive whole number', () => {
  assert.deepEqual(settingsOf({ mode: 'rollback', flow: 'flows/a.json', revision: '12' }).settings.rollback, {
    flow: 'flows/a.json',
    revision: 12,
  });
  assert.equal(errorOf({ revision: 'latest' }), "Input 'revision' must be a revision number (1, 2, …), got 'latest'.");
  // Written forms Number() reads as whole numbers are not revision numbers anyone typed on purpose.
  for (const raw of ['1e3', '0x10', '1.0', '+3', '0', '12abc', '9007199254740993']) {
    assert.equal(
      errorOf({ revision: raw }),
      `Input 'revision' must be a revision number (1, 2, …), got '${raw}'.`,
      raw,
    );
  }
  assert.equal(
    errorOf({ revision: 'r\n::error::x' }),
    "Input 'revision' must be a revision number (1, 2, …), got 'r\\n::error::x'.",
  );
});

test('deploy inputs: accepted values are named, and the commit message must carry the SHA', () => {
  assert.equal(
    errorOf({ 'on-drift': 'ignore' }),
    "Input 'on-drift' is 'ignore'; accepted values are: fail, warn, overwrite.",
  );
  assert.equal(errorOf({ 'on-failure': 'pray' }), "Input 'on-failure' is 'pray'; accepted values are: rollback, stop.");
  assert.equal(errorOf({ status: 'live' }), "Input 'status' is 'live'; accepted values are: published, draft.");
  assert.match(errorOf({ 'commit-message': 'deploy from CI' }), /'commit-message' must contain \{sha\}/);
  const { settings } = settingsOf({
    'commit-message': 'studio-flow-ci {sha}',
    branches: 'main, release/*',
    'allow-create': 'false',
  });
  assert.deepEqual(
    [settings.deploy.commitMessage, settings.deploy.branches, settings.deploy.allowCreate],
    ['studio-flow-ci {sha}', ['main', 'release/*'], false],
  );
});

test('API key credentials: the key is the Basic-auth user, every secret is masked', () => {
  const { settings, masked } = settingsOf({
    'twilio-account-sid': ACCOUNT,
    'twilio-api-key': KEY,
    'twilio-api-secret': 's3cret',
    'github-token': 'ghs_x',
  });
  assert.deepEqual(settings.credentials, { kind: 'api-key', accountSid: ACCOUNT, username: KEY, password: 's3cret' });
  assert.deepEqual(masked.sort(), ['ghs_x', 's3cret']);
});

test('auth token credentials use the Account SID as the user', () => {
  const { settings, masked } = settingsOf({ 'twilio-account-sid': ACCOUNT, 'twilio-auth-token': 'tok' });
  assert.deepEqual(settings.credentials, {
    kind: 'auth-token',
    accountSid: ACCOUNT,
    username: ACCOUNT,
    password: 'tok',
  });
  assert.deepEqual(masked, ['tok']);
});

test('bad inputs name the input and what is accepted', () => {
  assert.equal(
    errorOf({ mode: 'ship-it' }),
    "Input 'mode' is 'ship-it'; accepted values are: auto, check, deploy, rollback, sync.",
  );
  assert.equal(errorOf({ 'fail-on': 'x' }), "Input 'fail-on' is 'x'; accepted values are: error, warning, never.");
  assert.match(errorOf({ 'twilio-auth-token': 't' }), /'twilio-account-sid' is required with 'twilio-auth-token'/);
  assert.match(
    errorOf({ 'twilio-account-sid': 'AC123', 'twilio-auth-token': 't' }),
    /'twilio-account-sid' must look like AC followed by 32 hex/,
  );
  assert.match(errorOf({ 'twilio-account-sid': ACCOUNT, 'twilio-api-secret': 's' }), /'twilio-api-key' is required/);
  assert.match(
    errorOf({ 'twilio-account-sid': ACCOUNT, 'twilio-api-key': 'SKnope', 'twilio-api-secret': 's' }),
    /API Key SID/,
  );
  assert.match(errorOf({ 'studio-url': 'not a url' }), /'studio-url' is not a URL/);
  assert.match(errorOf({ 'studio-url': 'https://u:p@studio.twilio.com' }), /must not carry credentials/);
  assert.match(errorOf({ flows: ' , ' }), /'flows' names no glob/);
});

test('a secret is masked before any error about the other inputs is raised', () => {
  const masked: string[] = [];
  assert.throws(() =>
    readSettings(
      (n) => ({ 'twilio-api-secret': 'topsecret' })[n] ?? '',
      (s) => masked.push(s),
    ),
  );
  assert.deepEqual(masked, ['topsecret']);
});

test('list inputs split on newlines and commas, dropping blanks and comments', () => {
  assert.deepEqual(splitList('flows/*.json,\n  ivr/**/*.json\n# old\n!flows/draft-*.json\n'), [
    'flows/*.json',
    'ivr/**/*.json',
    '!flows/draft-*.json',
  ]);
});

test('studio-url keeps a loopback emulator and drops the trailing slash', () => {
  assert.equal(settingsOf({ 'studio-url': 'http://127.0.0.1:4010/' }).settings.studioUrl, 'http://127.0.0.1:4010');
});

test("flows globs never leave the workspace: an absolute path, a drive, a '..' segment or a home folder is refused by name", () => {
  for (const glob of [
    '/etc/**/*.json',
    '../other-repo/**/*.json',
    'flows/../../**/*.json',
    '!../x/*.json',
    'C:/flows/*.json',
    'C:\\flows\\*.json',
    '~/flows/*.json',
    '\\\\server\\share\\*.json',
    'flows/..',
  ]) {
    assert.equal(
      errorOf({ flows: `flows/**/*.json\n${glob}` }),
      `Input 'flows': the glob '${glob}' reaches outside the repository; name flow files by paths inside it, e.g. flows/**/*.json.`,
      glob,
    );
  }
  assert.deepEqual(settingsOf({ flows: 'flows/**/*.json, !flows/drafts/**, studio..flows/*.json' }).settings.flows, [
    'flows/**/*.json',
    '!flows/drafts/**',
    'studio..flows/*.json',
  ]);
});

test('sync inputs: lists, status, folder, branch with {environment}, labels, flags', () => {
  const { settings } = settingsOf({
    environment: 'prod',
    mode: 'sync',
    'sync-new': 'Support *\n# comment\nSales*, Ops',
    'sync-status': 'LATEST',
    'sync-folder': 'flows/new/',
    'sync-branch': 'bot/{environment}-sync',
    'sync-pr': 'false',
    'sync-labels': 'studio-sync, needs review\nstudio-sync',
    'fail-on-drift': 'true',
  });
  assert.equal(settings.mode, 'sync');
  assert.deepEqual(settings.syncNew, ['Support *', 'Sales*', 'Ops']);
  assert.equal(settings.syncStatus, 'latest');
  assert.equal(settings.syncFolder, 'flows/new');
  assert.equal(settings.syncBranch, 'bot/prod-sync');
  assert.equal(settings.syncPr, false);
  assert.deepEqual(settings.syncLabels, ['studio-sync', 'needs review']);
  assert.equal(settings.failOnDrift, true);
  assert.equal(settingsOf({ environment: 'staging' }).settings.syncBranch, 'studio-sync/staging');
});

test('sync inputs: hostile values are one-line errors naming the input and the fix', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ 'sync-status': 'draft' }, /^Input 'sync-status' is 'draft'; accepted values are: published, latest\.$/],
    [{ 'sync-folder': '../outside' }, /^Input 'sync-folder' is '\.\.\/outside': it has a '\.\.'.*e\.g\. flows\.$/],
    [{ 'sync-folder': 'flows/../../x' }, /'sync-folder'.*'\.\.'/],
    [{ 'sync-folder': '/etc' }, /'sync-folder'.*not relative/],
    [{ 'sync-folder': 'C:\\flows' }, /'sync-folder'.*not relative/],
    [{ 'sync-folder': 'flows\nx' }, /'sync-folder' is 'flows\\nx': it holds a control character/],
    [{ 'sync-folder': 'f'.repeat(5000) }, /'sync-folder'.*longer than 200/],
    [{ 'sync-branch': 'studio sync' }, /^Input 'sync-branch': git refuses 'studio sync' as a branch name: .*space/],
    [{ 'sync-branch': 'a..b' }, /'sync-branch'.*'\.\.'/],
    [{ 'sync-branch': 'a/.hidden' }, /'sync-branch'.*starts with '\.'/],
    [{ 'sync-branch': 'x.lock' }, /'sync-branch'.*'\.lock'/],
    [{ 'sync-branch': 'x@{1}' }, /'sync-branch'.*'@\{'/],
    [{ 'sync-branch': 'a//b' }, /'sync-branch'.*empty part/],
    [{ 'sync-branch': 'sync/' }, /'sync-branch'.*empty part/],
    [{ 'sync-branch': 'a~1' }, /'sync-branch'.*~/],
    [{ 'sync-branch': 'x\n::error::pwned' }, /'sync-branch': git refuses 'x\\n::error::pwned'/],
    [{ 'sync-branch': 'b'.repeat(300) }, /'sync-branch'.*longer than 200/],
    [{ 'sync-branch': 'main' }, /'sync-branch' is 'main': sync force-updates its branch/],
    [
      { 'sync-branch': 'sync/{environment}', environment: 'pro d' },
      /'sync-branch'.*'sync\/pro d' \(from 'sync\/\{environment\}'\)/,
    ],
    [{ 'sync-pr': 'yes' }, /^Input 'sync-pr' must be true or false, got 'yes'\.$/],
    [{ 'fail-on-drift': '1' }, /^Input 'fail-on-drift' must be true or false/],
    [{ 'sync-labels': 'l'.repeat(51) }, /^Input 'sync-labels': 'l+…?' is not a label GitHub accepts/],
    [
      { 'sync-labels': Array.from({ length: 21 }, (_, i) => `l${i}`).join(',') },
      /'sync-labels' names 21 labels; at most 20/,
    ],
    [{ 'sync-new': 'x'.repeat(201) }, /^Input 'sync-new': the glob 'x+…' is longer than 200/],
    [{ mode: 'pull' }, /^Input 'mode' is 'pull'; accepted values are: auto, check, deploy, rollback, sync\.$/],
  ];
  for (const [inputs, expected] of cases) {
    const message = errorOf(inputs);
    assert.match(message, expected, JSON.stringify(inputs).slice(0, 100));
    assert.ok(!message.includes('\n'), `one line: ${JSON.stringify(message)}`);
    assert.ok(message.length < 400, `short: ${message.length}`);
  }
});
