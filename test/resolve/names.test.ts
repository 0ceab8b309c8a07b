/**
 * Name references resolved against an account's lists (src/resolve/names.ts): the values each form stands for,
 * only the lists a flow needs read, each once; every failure an error at the string holding the reference,
 * naming what was looked for and the closest names; hostile names and answers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveNameRefs, type NameContext } from '../../src/resolve/names.ts';
import type { Finding } from '../../src/document/types.ts';
import { fakeAccount, serviceData, sid, type FakeAccountData } from '../support/fake-account.ts';

const WS = sid('WS', 1);
const taskrouter: FakeAccountData = {
  workspaces: [{ sid: WS, friendlyName: 'Flex Task Assignment' }],
  workflows: [
    { sid: sid('WW', 1), workspaceSid: WS, friendlyName: 'Assign to Anyone' },
    { sid: sid('WW', 2), workspaceSid: WS, friendlyName: 'Sales' },
  ],
  channels: [
    { sid: sid('TC', 1), workspaceSid: WS, uniqueName: 'voice', friendlyName: 'Voice' },
    { sid: sid('TC', 2), workspaceSid: WS, uniqueName: 'chat', friendlyName: 'Chat' },
  ],
};
const serverless = serviceData('hours-service', [
  { uniqueName: 'dev-environment', suffix: 'dev', paths: ['/api/hours', '/api/new'] },
  { uniqueName: 'production', suffix: null, paths: ['/api/hours', '/api/holidays'] },
]);
const flows: FakeAccountData = {
  flows: [
    { sid: sid('FW', 1), friendlyName: 'Survey' },
    { sid: sid('FW', 2), friendlyName: 'Twice' },
    { sid: sid('FW', 3), friendlyName: 'Twice' },
  ],
};
const account = (extra: FakeAccountData = {}) => fakeAccount({ ...serverless, ...taskrouter, ...flows, ...extra });

const runFunction = (props: Record<string, string>) => ({
  name: 'hours',
  type: 'run-function',
  transitions: [{ event: 'success' }, { event: 'fail' }],
  properties: { offset: { x: 0, y: 0 }, ...props },
});
const definition = (...states: unknown[]) => ({ description: 'd', initial_state: 'Trigger', states });
const FN = {
  service_sid: '${function:hours-service/api/hours}',
  environment_sid: '${function:hours-service/api/hours}',
  function_sid: '${function:hours-service/api/hours}',
  url: '${function:hours-service/api/hours}',
};
const flex = (props: Record<string, string>) => ({
  name: 'flex',
  type: 'send-to-flex',
  transitions: [{ event: 'callComplete' }],
  properties: { offset: { x: 0, y: 0 }, ...props },
});
const propsOf = (def: unknown, i = 0) =>
  (def as { states: { properties: Record<string, unknown> }[] }).states[i]!.properties;
const production: NameContext['choices'] = { serverlessEnvironment: 'production' };

function oneError(findings: Finding[], pattern: RegExp): Finding {
  assert.equal(findings.length, 1, JSON.stringify(findings));
  const [f] = findings;
  assert.equal(f!.severity, 'error');
  assert.equal(f!.rule, 'name-reference');
  assert.match(f!.message, pattern);
  return f!;
}

describe('resolveNameRefs: values', () => {
  it('fills run-function, send-to-flex and run-subflow from the chosen environment, each list read once', async () => {
    const lists = account();
    const def = definition(
      runFunction(FN),
      flex({ workflow: '${workflow:Sales}', channel: '${channel:voice}' }),
      { name: 'sub', type: 'run-subflow', transitions: [], properties: { flow_sid: '${flow-name:Survey}' } },
      runFunction({ ...FN, url: '${function:hours-service/api/holidays}' }),
    );
    const out = await resolveNameRefs(def, { lists, choices: production });
    assert.deepEqual(out.findings, []);
    const env = serverless.environments![1]!;
    assert.deepEqual(propsOf(out.definition), {
      offset: { x: 0, y: 0 },
      service_sid: serverless.services![0]!.sid,
      environment_sid: env.sid,
      function_sid: serverless.builds![1]!.functions[0]!.functionSid,
      url: `https://${env.domainName}/api/hours`,
    });
    assert.equal(propsOf(out.definition, 3).url, `https://${env.domainName}/api/holidays`);
    assert.deepEqual(
      [propsOf(out.definition, 1).workflow, propsOf(out.definition, 1).channel],
      [sid('WW', 2), sid('TC', 1)],
    );
    assert.equal(propsOf(out.definition, 2).flow_sid, sid('FW', 1));
    assert.deepEqual(out.checked, out.definition);
    assert.deepEqual(out.standIns, []);
    assert.deepEqual(lists.calls, {
      services: 1,
      environments: 1,
      build: 1,
      workspaces: 1,
      workflows: 1,
      taskChannels: 1,
      flows: 1,
    });
  });

  it('chooses the environment by domain suffix, and a part anywhere else with #part, inside Liquid text', async () => {
    const def = definition({
      name: 'http',
      type: 'make-http-request',
      transitions: [],
      properties: { url: '${function:hours-service/api/hours#url}?q={{flow.data.q}}' },
    });
    const out = await resolveNameRefs(def, { lists: account(), choices: { serverlessEnvironment: 'dev' } });
    assert.deepEqual(out.findings, []);
    assert.equal(
      propsOf(out.definition).url,
      `https://${serverless.environments![0]!.domainName}/api/hours?q={{flow.data.q}}`,
    );
  });

  it('a flow with no name reference reads no list; a workflow alone never lists services', async () => {
    const lists = account();
    const plain = definition(runFunction({ service_sid: sid('ZS', 9), url: 'https://x.twil.io/a' }));
    const out = await resolveNameRefs(plain, { lists, choices: production });
    assert.equal(out.definition, plain);
    await resolveNameRefs(definition(flex({ workflow: '${workflow:Sales}' })), { lists, choices: production });
    assert.deepEqual(lists.stats(), { serverless: 0, taskrouter: 2, studio: 0 });
  });

  it('$${…} is the literal text in every view and looks nothing up', async () => {
    const lists = account();
    const out = await resolveNameRefs(definition(flex({ workflow: 'x $${workflow:Sales} y' })), { lists });
    assert.equal(propsOf(out.definition).workflow, 'x ${workflow:Sales} y');
    assert.equal(
      propsOf(out.apply(definition(flex({ workflow: '$${workflow:Sales}' })))).workflow,
      '${workflow:Sales}',
    );
    assert.deepEqual(lists.stats(), { serverless: 0, taskrouter: 0, studio: 0 });
  });

  it('10,000 references: every list read once, in well under a few seconds', async () => {
    const lists = account();
    const states = Array.from({ length: 2_500 }, (_, i) => ({ ...runFunction(FN), name: `fn${i}` }));
    const started = performance.now();
    const out = await resolveNameRefs(definition(...states), { lists, choices: production });
    assert.ok(performance.now() - started < 5_000);
    assert.deepEqual(out.findings, []);
    assert.deepEqual(lists.stats(), { serverless: 3, taskrouter: 0, studio: 0 });
  });
});

describe('resolveNameRefs: offline', () => {
  it('no lists: resolved keeps the text, checked holds well-formed stand-ins, a finding of the asked severity', async () => {
    const def = definition(runFunction(FN), flex({ workflow: '${workflow:Sales}' }));
    for (const severity of ['warning', 'error'] as const) {
      const out = await resolveNameRefs(def, { unresolved: severity });
      assert.deepEqual(propsOf(out.definition), propsOf(def));
      const checked = propsOf(out.checked);
      assert.match(String(checked.service_sid), /^ZS0{32}$/);
      assert.match(String(checked.environment_sid), /^ZE0{32}$/);
      assert.match(String(checked.function_sid), /^ZH0{32}$/);
      assert.match(String(checked.url), /^https:\/\//);
      assert.match(String(propsOf(out.checked, 1).workflow), /^WW0{32}$/);
      assert.equal(out.findings.length, 5);
      assert.ok(
        out.findings.every((f) => f.severity === severity && /left as is: no environment\/account/.test(f.message)),
      );
      assert.deepEqual(out.standIns.sort(), [
        '/states/0/properties/environment_sid',
        '/states/0/properties/function_sid',
        '/states/0/properties/service_sid',
        '/states/0/properties/url',
        '/states/1/properties/workflow',
      ]);
    }
  });
});

describe('resolveNameRefs: errors at the reference', () => {
  const fn = (ref: string) => definition(runFunction({ function_sid: ref }));
  const cases: [string, unknown, NameContext['choices'], RegExp, RegExp?][] = [
    [
      'unknown service, with the closest name',
      fn('${function:hours-servic/api/hours}'),
      production,
      /no service "hours-servic"/,
      /Did you mean "hours-service"/,
    ],
    [
      'environment not found',
      fn('${function:hours-service/api/hours}'),
      { serverlessEnvironment: 'prod' },
      /no environment "prod"/,
      /"dev-environment", "production"|production/,
    ],
    [
      'several environments, none chosen',
      fn('${function:hours-service/api/hours}'),
      {},
      /cannot choose an environment of service "hours-service": it has 2/,
      /serverless\.environment/,
    ],
    [
      'path not in the deployed build, deployed elsewhere',
      fn('${function:hours-service/api/new}'),
      production,
      /path "\/api\/new", which the build deployed to environment "production"/,
      /deployed in "dev-environment"/,
    ],
    [
      'unknown workflow',
      definition(flex({ workflow: '${workflow:sales}' })),
      production,
      /no workflow "sales" in workspace "Flex Task Assignment"/,
      /Did you mean "Sales"/,
    ],
    [
      'unknown channel',
      definition(flex({ channel: '${channel:sms}' })),
      production,
      /no task channel "sms"/,
      /"voice", "chat"|Did you mean/,
    ],
    ['unknown flow name', definition(flex({ x: '${flow-name:Nope}' })), production, /no Studio flow "Nope"/],
    [
      'ambiguous flow name, both SIDs',
      definition(flex({ x: '${flow-name:Twice}' })),
      production,
      new RegExp(`ambiguous.*${sid('FW', 2)}.*${sid('FW', 3)}`),
    ],
    [
      'bare function outside the four fields',
      definition(flex({ attributes: '${function:hours-service/api/hours}' })),
      production,
      /needs a part/,
      /#url/,
    ],
    ['a line break in the name', definition(flex({ workflow: '${workflow:Sa\nles}' })), production, /line break/],
    ['not closed', definition(flex({ workflow: 'x ${workflow:Sales' })), production, /not closed/],
  ];
  for (const [name, def, choices, message, fix] of cases) {
    it(name, async () => {
      const out = await resolveNameRefs(def, { lists: account(), choices });
      const f = oneError(out.findings, message);
      if (fix) assert.match(f.fix ?? '', fix);
      assert.ok(f.pointer?.startsWith('/states/0/properties/'));
      assert.deepEqual(out.standIns, [f.pointer]);
    });
  }

  it('environment with no build', async () => {
    const lists = fakeAccount(serviceData('svc', [{ uniqueName: 'production', suffix: null, paths: null }]));
    const out = await resolveNameRefs(fn('${function:svc/api/hours}'), { lists });
    oneError(out.findings, /environment "production" of service "svc", which has no build deployed/);
  });

  it('ambiguous workflow names both SIDs; no workspace; several and none chosen; a chosen one missing', async () => {
    const twice = account({
      workflows: [...taskrouter.workflows!, { sid: sid('WW', 3), workspaceSid: WS, friendlyName: 'Sales' }],
    });
    const a = await resolveNameRefs(definition(flex({ workflow: '${workflow:Sales}' })), { lists: twice });
    oneError(a.findings, new RegExp(`ambiguous: 2 workflows.*${sid('WW', 2)}.*${sid('WW', 3)}`));
    const none = await resolveNameRefs(definition(flex({ workflow: '${workflow:Sales}' })), {
      lists: account({ workspaces: [] }),
    });
    oneError(none.findings, /the account has none/);
    const two = account({ workspaces: [...taskrouter.workspaces!, { sid: sid('WS', 2), friendlyName: 'Other' }] });
    const b = await resolveNameRefs(definition(flex({ workflow: '${workflow:Sales}' })), { lists: two });
    assert.match(oneError(b.findings, /the account has 2/).fix ?? '', /taskrouter\.workspace/);
    const c = await resolveNameRefs(definition(flex({ workflow: '${workflow:Sales}' })), {
      lists: two,
      choices: { workspace: 'Flex' },
    });
    oneError(c.findings, /no workspace "Flex"/);
  });

  it('a list that cannot be read: an error with its line, per reference, never resolved', async () => {
    const lists = account();
    lists.fail('services', 'Twilio Serverless: listing services failed: HTTP 401 Authenticate');
    const out = await resolveNameRefs(definition(runFunction(FN)), { lists, choices: production });
    assert.equal(out.findings.length, 4);
    assert.ok(
      out.findings.every((f) =>
        /could not be looked up: Twilio Serverless: listing services failed: HTTP 401/.test(f.message),
      ),
    );
    assert.equal(propsOf(out.definition).service_sid, FN.service_sid);
  });
});

describe('resolveNameRefs: hostile input and answers', () => {
  it('"}" ends the name: the rest is literal text', async () => {
    const out = await resolveNameRefs(definition(flex({ workflow: '${workflow:Sales}}x' })), { lists: account() });
    assert.equal(propsOf(out.definition).workflow, `${sid('WW', 2)}}x`);
  });

  it('a name that holds a marker of ours is a name, not a second reference', async () => {
    const lists = account({ flows: [{ sid: sid('FW', 7), friendlyName: '${workflow:Sales' }] });
    const out = await resolveNameRefs(definition(flex({ x: '${flow-name:${workflow:Sales}' })), { lists });
    assert.equal(propsOf(out.definition).x, sid('FW', 7));
    assert.equal(lists.calls.workflows, 0);
  });

  it('markup, @mentions and line breaks from Twilio reach a message on one line, bounded', async () => {
    const evil = `<img src=x onerror=alert(1)> @org/team\n::error::pwned ${'x'.repeat(500)}`;
    const lists = account({ workflows: [{ sid: sid('WW', 5), workspaceSid: WS, friendlyName: evil }] });
    const out = await resolveNameRefs(definition(flex({ workflow: '${workflow:<b>@here</b>}' })), { lists });
    const f = oneError(out.findings, /no workflow "<b>@here<\/b>"/);
    assert.doesNotMatch(`${f.message}${f.fix}`, /\n/);
    assert.ok((f.fix ?? '').length < 400);
  });

  it('a SID of another kind from the API is refused, not written', async () => {
    const lists = account({ workflows: [{ sid: sid('TC', 9), workspaceSid: WS, friendlyName: 'Sales' }] });
    const out = await resolveNameRefs(definition(flex({ workflow: '${workflow:Sales}' })), { lists });
    oneError(out.findings, /not a WW… SID/);
    assert.equal(propsOf(out.definition).workflow, '${workflow:Sales}');
  });

  it('a domain that is no host name is refused', async () => {
    const data = serviceData('svc', [{ uniqueName: 'production', suffix: null, paths: ['/a'] }]);
    data.environments![0]!.domainName = 'evil.com/@x?';
    const out = await resolveNameRefs(fn0('${function:svc/a}'), { lists: fakeAccount(data) });
    oneError(out.findings, /not one/);
  });
});

function fn0(ref: string) {
  return definition(runFunction({ url: ref }));
}
