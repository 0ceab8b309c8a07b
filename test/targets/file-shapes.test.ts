/** The three flow file shapes and the name and sid each gives (src/document/parse.ts, src/document/file-fields.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFlowText, type ParsedFlow, type ParsedFlowOk } from '../../src/document/parse.ts';

const SID = `FW${'ab'.repeat(16)}`;
const definition = {
  description: 'd',
  initial_state: 'Trigger',
  states: [{ name: 'Trigger', type: 'trigger', transitions: [], properties: {} }],
};

function ok(parsed: ParsedFlow): ParsedFlowOk {
  assert.equal(parsed.ok, true, JSON.stringify(parsed.findings));
  return parsed as ParsedFlowOk;
}
const parse = (value: unknown, path = 'flows/orders.json') => parseFlowText(path, JSON.stringify(value, null, 2));
const rules = (parsed: ParsedFlow) => parsed.findings.map((f) => [f.severity, f.rule]);

describe('flow file shapes', () => {
  it('a bare definition: the file name is the default name', () => {
    const parsed = ok(parse(definition));
    assert.deepEqual(
      [parsed.shape, parsed.friendlyName, parsed.nameSource, parsed.sid],
      ['definition', 'orders', 'file-name', undefined],
    );
  });

  it('the REST resource: friendly_name and sid; the resource fields are quiet', () => {
    const parsed = ok(
      parse({
        sid: SID,
        account_sid: `AC${'0'.repeat(32)}`,
        friendly_name: 'Order updates',
        status: 'published',
        revision: 3,
        commit_message: 'x',
        valid: true,
        errors: [],
        warnings: [],
        date_created: null,
        date_updated: null,
        webhook_url: '',
        url: '',
        links: {},
        definition,
      }),
    );
    assert.deepEqual(
      [parsed.shape, parsed.friendlyName, parsed.nameSource, parsed.sid],
      ['resource', 'Order updates', 'file', SID],
    );
    assert.deepEqual(rules(parsed), []);
  });

  it('the Twilio CLI export: friendlyName (camelCase) is the name, never the file name', () => {
    const parsed = ok(
      parse({
        sid: SID,
        accountSid: `AC${'0'.repeat(32)}`,
        friendlyName: 'Order updates',
        commitMessage: null,
        dateCreated: '2026-01-01T00:00:00Z',
        dateUpdated: null,
        webhookUrl: '',
        revision: 1,
        definition,
      }),
    );
    assert.deepEqual([parsed.friendlyName, parsed.nameSource, parsed.sid], ['Order updates', 'file', SID]);
    assert.deepEqual(rules(parsed), []);
  });

  it('both spellings agreeing are fine; disagreeing is an error naming both', () => {
    assert.deepEqual(rules(ok(parse({ friendly_name: 'A', friendlyName: 'A', definition }))), []);
    const parsed = ok(parse({ friendly_name: 'A', friendlyName: 'B', definition }));
    assert.deepEqual(rules(parsed), [['error', 'friendly-name']]);
    assert.match(
      parsed.findings[0]?.message ?? '',
      /"friendly_name" \("A"\) and "friendlyName" \("B"\) name different flows/,
    );
  });

  it('unknown top-level keys are one warning naming them (odd characters shown safely, at most 10)', () => {
    const parsed = ok(
      parse({ friendly_name: 'A', definition, enviroment: 'prod', 'x\n::error::y': 1, '<b>@here</b>': 2 }),
    );
    assert.deepEqual(rules(parsed), [['warning', 'unknown-key']]);
    const message = parsed.findings[0]?.message ?? '';
    assert.ok(!message.includes('\n'), 'one line');
    assert.match(message, /Unknown top-level keys "enviroment", "x ::error::y", "<b>@here<\/b>"/);
    const many = ok(parse({ definition, ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])) }));
    assert.match(many.findings[0]?.message ?? '', /and 30 more/);
  });

  it('a hostile name is an error, and the file name is NOT used in its place silently', () => {
    for (const [name, why] of [
      ['Line\n::error::x', /line break or another control character/],
      ['x'.repeat(201), /201 characters long/],
      ['', /non-empty string/],
      [42, /non-empty string/],
    ] as const) {
      const parsed = ok(parse({ friendly_name: name, definition }));
      assert.deepEqual(rules(parsed), [['error', 'friendly-name']], String(name));
      assert.match(parsed.findings[0]?.message ?? '', why);
    }
  });

  it('markup in a name is kept (the report escapes it); a sid that is not a flow SID is an error', () => {
    assert.equal(ok(parse({ friendlyName: '<img src=x> @team', definition })).friendlyName, '<img src=x> @team');
    for (const sid of [`AC${'ab'.repeat(16)}`, SID.toUpperCase(), 42, null, 'x'.repeat(5000)]) {
      const parsed = ok(parse({ sid, friendly_name: 'A', definition }));
      assert.deepEqual(rules(parsed), [['error', 'flow-sid']], String(sid).slice(0, 40));
      assert.equal(parsed.sid, undefined);
      assert.ok((parsed.findings[0]?.message.length ?? 0) < 200);
    }
  });
});
