/**
 * Name references resolved against an account's lists (src/resolve/names.ts): the values each form stands for,
 * only the lists a flow needs read, each once; offline stand-ins. Errors and hostile input: names-errors.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveNameRefs } from '../../src/resolve/names.ts';
import { sid } from '../support/fake-account.ts';
import { account, definition, flex, FN, production, propsOf, runFunction, serverless } from './name-fixtures.ts';

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
      assert.equal(out.findings.length, 2, 'one per reference and widget: the Function (4 fields), the workflow');
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
