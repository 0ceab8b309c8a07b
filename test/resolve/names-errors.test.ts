/**
 * Name references that cannot be resolved (src/resolve/names.ts): each an error at the string holding it, naming
 * what was looked for, where, and the closest names; hostile names and answers from Twilio.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveNameRefs, type NameContext } from '../../src/resolve/names.ts';
import { fakeAccount, serviceData, sid } from '../support/fake-account.ts';
import {
  account,
  definition,
  flex,
  FN,
  oneError,
  production,
  propsOf,
  runFunction,
  taskrouter,
  WS,
} from './name-fixtures.ts';

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

  it('a list that cannot be read: one error at the first field holding the reference, naming the others, never resolved', async () => {
    const lists = account();
    lists.fail('services', 'Twilio Serverless: listing services failed: HTTP 401 Authenticate');
    const out = await resolveNameRefs(definition(runFunction(FN)), { lists, choices: production });
    assert.equal(out.findings.length, 1);
    assert.equal(out.findings[0]!.pointer, '/states/0/properties/service_sid');
    assert.match(out.findings[0]!.message, /The same reference is in environment_sid, function_sid, url too\.$/);
    assert.equal(out.standIns.length, 4, 'every field still gets its stand-in');
    assert.ok(
      out.findings.every((f) =>
        /could not be looked up: Twilio Serverless: listing services failed: HTTP 401/.test(f.message),
      ),
    );
    assert.equal(propsOf(out.definition).service_sid, FN.service_sid);
  });

  it('a private Function is an error: Studio cannot call it (twilio.com/docs/serverless/functions-assets/visibility)', async () => {
    const lists = account();
    const build = lists.build.bind(lists);
    lists.build = async (service, buildSid) => {
      const b = await build(service, buildSid);
      return { ...b, functions: b.functions.map((f) => ({ ...f, visibility: 'private' })) };
    };
    const out = await resolveNameRefs(definition(runFunction(FN)), { lists, choices: production });
    assert.equal(out.findings.length, 1);
    assert.match(out.findings[0]!.message, /a private Function, which Studio cannot call/);
    assert.match(out.findings[0]!.fix ?? '', /Make the Function protected/);
    assert.equal(propsOf(out.definition).url, FN.url, 'never resolved');
  });

  it('the advice fits what Twilio answered: refused → the credentials, 404 → studio-url, 5xx or no answer → Twilio', async () => {
    const cases: [number | null, RegExp][] = [
      [401, /credentials may read Serverless/],
      [403, /credentials may read Serverless/],
      [404, /studio-url/],
      [500, /Twilio did not answer the list: re-run when it does/],
      [null, /Twilio did not answer the list: re-run when it does/],
    ];
    for (const [status, advice] of cases) {
      const lists = account();
      lists.fail('services', `Twilio Serverless: listing the services failed: HTTP ${status ?? 'none'}`, status);
      const out = await resolveNameRefs(definition(runFunction(FN)), { lists, choices: production });
      assert.match(out.findings[0]?.fix ?? '', advice, String(status));
      assert.match(out.findings[0]?.fix ?? '', /nothing was deployed/);
    }
  });

  it('a read error that ends its sentence is not given a second full stop', async () => {
    const lists = account();
    lists.fail(
      'services',
      'Twilio Serverless: listing the services failed: HTTP 500: Unavailable. Check the network, then re-run.',
    );
    const out = await resolveNameRefs(definition(runFunction(FN)), { lists, choices: production });
    assert.equal(out.findings.length, 1);
    assert.match(out.findings[0]!.message, /could not be looked up: .* then re-run\. The same reference is in /);
    assert.doesNotMatch(out.findings[0]!.message, /\.\./);
  });
});

describe('resolveNameRefs: hostile input and answers', () => {
  it('"}" ends the name: the rest is literal text', async () => {
    const out = await resolveNameRefs(definition(flex({ workflow: '${workflow:Sales}}x' })), { lists: account() });
    assert.equal(propsOf(out.definition).workflow, `${sid('WW', 2)}}x`);
  });

  it('a control character (a terminal escape) in a reference is not echoed raw into the message', async () => {
    const out = await resolveNameRefs(definition(flex({ workflow: '${workflow:Sa\u001b[31mles\u0007}' })), {
      lists: account(),
    });
    const finding = oneError(out.findings, /names no workflow/);
    const control = [...`${finding.message} ${finding.fix ?? ''}`].filter((c) => c < ' ' || c === '\u007f');
    assert.deepEqual(control, []);
    assert.match(finding.message, /\$\{workflow:Sa \[31mles \}/);
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
