/**
 * Name references through the check of one flow file (src/check/flow-check.ts via src/resolve/document.ts):
 * an unresolvable reference is an error on the line of the string holding it; offline, a stand-in is linted and
 * validated and a Validate error at its place is not reported; what is sent equals what is compared.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkFlowFile, type CheckFileInput } from '../../src/check/flow-check.ts';
import type { AccountLists } from '../../src/studio/account-types.ts';
import type { ValidateFlowInput, ValidationResult } from '../../src/studio/types.ts';
import { fakeAccount, serviceData } from '../support/fake-account.ts';

const flow = {
  description: 'hours',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [{ event: 'incomingCall', next: 'hours' }],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'hours',
      type: 'run-function',
      transitions: [{ event: 'success' }, { event: 'fail' }],
      properties: {
        service_sid: '${function:hours-service/api/hours}',
        environment_sid: '${function:hours-service/api/hours}',
        function_sid: '${function:hours-service/api/hourz}',
        url: '${function:hours-service/api/hours}',
        offset: { x: 0, y: 200 },
      },
    },
  ],
};
const account = () =>
  fakeAccount(serviceData('hours-service', [{ uniqueName: 'production', suffix: null, paths: ['/api/hours'] }]));

async function check(
  options: { lists?: AccountLists; validate?: (input: ValidateFlowInput) => ValidationResult } = {},
) {
  const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-names-'));
  const source = `${JSON.stringify(flow, null, 2)}\n`;
  await writeFile(path.join(workspace, 'hours.json'), source);
  const sent: ValidateFlowInput[] = [];
  const input: CheckFileInput = {
    workspace,
    change: { path: 'hours.json', status: 'modified' },
    validator: {
      validateFlow: async (v) => (sent.push(v), options.validate ? options.validate(v) : { valid: true }),
    },
    onValidateFailure: (e) => assert.fail(String(e)),
    environment: {
      name: 'production',
      targetOf: () => ({}),
      variables: {},
      choices: { serverlessEnvironment: 'production' },
    },
    ...(options.lists ? { lists: options.lists } : {}),
  };
  const result = await checkFlowFile(input);
  const line = source.split('\n').findIndex((l) => l.includes('hourz')) + 1;
  return { result, sent, line };
}

describe('name references in the check of a flow file', () => {
  it('a Function path not in the deployed build is an error at its line, naming the path and the closest one', async () => {
    const { result, line } = await check({ lists: account() });
    const errors = result.findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0]!.rule, 'name-reference');
    assert.equal(errors[0]!.line, line);
    assert.equal(errors[0]!.widget, 'hours');
    assert.match(errors[0]!.message, /path "\/api\/hourz"/);
    assert.match(errors[0]!.fix ?? '', /Did you mean "\/api\/hours"/);
  });

  it('resolved: Validate gets the real SIDs where resolved; toSend equals resolved', async () => {
    const lists = account();
    const { result, sent } = await check({ lists });
    const doc = result.document!;
    const props = (d: unknown) =>
      (d as { states: { properties: { service_sid: string; url: string; function_sid: string } }[] }).states[1]!
        .properties;
    assert.match(props(doc.resolved).service_sid, /^ZS/);
    assert.match(props(doc.resolved).url, /^https:\/\/hours-service-1001\.twil\.io\/api\/hours$/);
    assert.equal(props(doc.resolved).function_sid, '${function:hours-service/api/hourz}');
    assert.deepEqual(doc.toSend(new Map()), doc.resolved);
    assert.deepEqual(sent[0]!.definition, doc.checked);
    assert.match(props(doc.checked).function_sid, /^ZH0{32}$/);
  });

  it('offline: stand-ins linted and validated, a warning each, a Validate error at a stand-in not reported', async () => {
    const { result } = await check({
      validate: () => ({
        valid: false,
        errors: [
          { message: 'Invalid function sid', pointer: '/states/1/properties/function_sid' },
          { message: 'Widget name bad', pointer: '/states/0/name' },
        ],
      }),
    });
    const warnings = result.findings.filter((f) => f.rule === 'name-reference');
    // One warning per reference in the widget (…/api/hours in three fields, …/api/hourz in one), not per field.
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!.message, /The same reference is in environment_sid, url too\.$/);
    assert.doesNotMatch(warnings[1]!.message, /The same reference/);
    assert.ok(warnings.every((w) => w.severity === 'warning' && w.line !== undefined));
    const validate = result.findings.filter((f) => f.source === 'validate');
    assert.deepEqual(
      validate.map((f) => f.message),
      ['Widget name bad'],
    );
    assert.equal(result.findings.filter((f) => f.severity === 'error' && f.source === 'lint').length, 0);
  });
});

describe('name references across many flows', () => {
  it('50 flows that each reference one Function: 3 Serverless list requests in all, not per flow', async () => {
    const lists = account();
    const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-names-50-'));
    const ok = JSON.parse(JSON.stringify(flow).replace('hourz', 'hours')) as typeof flow;
    const changes = [];
    for (let i = 0; i < 50; i++) {
      await writeFile(path.join(workspace, `f${i}.json`), JSON.stringify({ ...ok, description: `f${i}` }));
      changes.push({ path: `f${i}.json`, status: 'modified' as const });
    }
    const { checkFlows } = await import('../../src/modes/check-flows.ts');
    const checks = await checkFlows({
      workspace,
      changes,
      validator: undefined,
      lists,
      environment: { name: 'production', targetOf: () => ({}), variables: {}, choices: {} },
    });
    assert.equal(checks.filter((c) => c.findings.some((f) => f.severity === 'error')).length, 0);
    assert.deepEqual(lists.stats(), { serverless: 3, taskrouter: 0, studio: 0 });
  });
});

describe('one listing of the Studio flows per run', () => {
  it('the flow identity and ${flow-name:…} share it', async () => {
    const { shareFlowList } = await import('../../src/modes/shared-flow-list.ts');
    let listed = 0;
    const reader = {
      listFlows: async () => (listed++, [{ sid: `FW${'1'.repeat(32)}`, friendlyName: 'Survey' }] as never),
      getFlow: async () => assert.fail('not asked'),
      getRevision: async () => assert.fail('not asked'),
    };
    const lists = account();
    const shared = shareFlowList(reader, lists);
    await shared.reader.listFlows();
    assert.deepEqual(await shared.lists!.flows(), [{ sid: `FW${'1'.repeat(32)}`, friendlyName: 'Survey' }]);
    await shared.lists!.services();
    assert.equal(listed, 1);
    assert.equal(lists.calls.flows, 0);
    assert.equal(lists.calls.services, 1);
    assert.equal(shareFlowList(reader, undefined).lists, undefined);
  });
});

describe('a name-reference finding in the PR comment', () => {
  it('markup and @mentions from names in the file or from Twilio render inert', async () => {
    const { renderCheckReport } = await import('../../src/report/check-comment.ts');
    const evil = '<img src=x onerror=alert(1)> @org/team';
    const bad = JSON.parse(JSON.stringify(flow).replace('${function:hours-service/api/hourz}', `\${workflow:${evil}}`));
    const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-names-evil-'));
    await writeFile(path.join(workspace, 'evil.json'), JSON.stringify(bad, null, 2));
    const ws = `WS${'1'.repeat(32)}`;
    const lists = fakeAccount({
      workspaces: [{ sid: ws, friendlyName: 'Flex' }],
      workflows: [{ sid: `WW${'2'.repeat(32)}`, workspaceSid: ws, friendlyName: `${evil}x` }],
    });
    const result = await checkFlowFile({
      workspace,
      change: { path: 'evil.json', status: 'modified' },
      validator: undefined,
      onValidateFailure: (e) => assert.fail(String(e)),
      lists,
    });
    const finding = result.findings.find((f) => f.rule === 'name-reference' && f.message.includes('workflow'));
    assert.ok(finding, JSON.stringify(result.findings));
    assert.match(`${finding.message} ${finding.fix}`, /@org\/team/);
    const body = renderCheckReport({
      flows: [result],
      removed: [],
      online: true,
      studioHost: 'h',
      sha: 'a'.repeat(40),
    });
    assert.doesNotMatch(body, /<img/);
    assert.doesNotMatch(body, /@org\/team/);
  });
});
