/**
 * Twilio's verdict is never skipped: Validate is asked of every parseable flow, whatever the lint found, and
 * a place both report is one finding naming both; Validate's own list is capped.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkFlowFile, MAX_VALIDATE_FINDINGS, type Validator } from '../../src/check/flow-check.ts';
import type { ValidateFlowInput, ValidationError } from '../../src/studio/types.ts';

const definition = {
  description: 'x',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'reply' }], properties: {} },
    {
      name: 'reply',
      type: 'send-message',
      transitions: [{ event: 'sent', next: 'nowhere' }, { event: 'failed' }],
      properties: { body: 'hi', from: '{{flow.channel.address}}', to: '{{contact.channel.address}}' },
    },
  ],
};

function validator(errors: ValidationError[]): Validator & { asked: ValidateFlowInput[] } {
  const asked: ValidateFlowInput[] = [];
  return {
    asked,
    validateFlow: async (input) => (asked.push(input), errors.length ? { valid: false, errors } : { valid: true }),
  };
}

async function check(v: Validator) {
  const workspace = await mkdtemp(path.join(tmpdir(), 'sfci-validate-'));
  await writeFile(path.join(workspace, 'f.json'), `${JSON.stringify(definition, null, 2)}\n`);
  return checkFlowFile({
    workspace,
    change: { path: 'f.json', status: 'modified' },
    validator: v,
    onValidateFailure: (e) => assert.fail(String(e)),
  });
}

describe('Validate on a flow the lint already failed', () => {
  it("is asked all the same, and its own errors are reported beside the lint's", async () => {
    const v = validator([
      { message: 'Widget reply: body must be at most 1600 characters', pointer: '/states/1/properties/body' },
    ]);
    const flow = await check(v);
    assert.equal(v.asked.length, 1, 'Validate was asked although the lint found an error');
    assert.equal(flow.validate, 'invalid');
    assert.deepEqual(
      flow.findings.filter((f) => f.severity === 'error').map((f) => [f.source, f.rule]),
      [
        ['lint', 'transition-target'],
        ['validate', 'studio-validate'],
      ],
    );
  });

  it('an error both report at one place is one finding naming both sources', async () => {
    const flow = await check(
      validator([{ message: 'Transition to unknown widget nowhere', pointer: '/states/1/transitions/0/next' }]),
    );
    const errors = flow.findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.source, 'lint');
    assert.equal(errors[0]?.alsoValidate, 'Transition to unknown widget nowhere');
    assert.equal(flow.validate, 'invalid');
  });

  it(`10,000 Validate errors: ${'MAX_VALIDATE_FINDINGS'} findings, the last one counting the rest`, async () => {
    const flow = await check(
      validator(
        Array.from({ length: 10_000 }, (_, i) => ({ message: `error ${i}`, pointer: `/states/1/properties/x${i}` })),
      ),
    );
    const own = flow.findings.filter((f) => f.source === 'validate');
    assert.equal(own.length, MAX_VALIDATE_FINDINGS);
    assert.deepEqual(
      own.filter((f) => /more errors/.test(f.message)).map((f) => f.message),
      ["9,901 more errors from Twilio's Validate are not listed one by one"],
    );
  });
});
