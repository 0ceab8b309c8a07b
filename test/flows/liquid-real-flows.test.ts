/**
 * The Liquid rules on the real published flows (test/fixtures/real-flows/, see ORIGIN.md) and the examples: the
 * findings per flow, each checked by reading the flow (see the notes), so a false finding or a lost one fails.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseFlowText } from '../../src/document/parse.ts';
import { lintDefinition } from '../../src/lint/lint.ts';

const LIQUID_RULES = /^(liquid-|split-condition$)/;

/**
 * Expected findings of the Liquid and split rules, per flow: `severity rule widget line:column`.
 * twilio-webchat-react-app: its Send to Flex attributes read {{widgets.send_service_options.inbound.Body}}, and no
 * widget has that name (serviceType is always empty); they read enter_dob, enter_firstname and enter_lastname,
 * which a timeout or a non-matching answer skips (selection_offering's timeout goes to send_thank_you, then Flex).
 * twilio-labs-function-templates-vaccine-standby: SaveToAirtable's parameter language_preference is
 * "{{widgets.LanguagePreference.inbound.Body}" (a true error: the output is not closed, as published); its parameter
 * email reads GetEmail, which the SMS choice ("1" at ValidateNotificationPref) skips.
 */
const EXPECTED: Record<string, string[]> = {
  'test/fixtures/real-flows/mbarry-owl-OrderLookupIVR.json': [],
  'test/fixtures/real-flows/twilio-labs-function-templates-outreach-pcp-followup.json': [],
  'test/fixtures/real-flows/twilio-labs-function-templates-patient-appointment.json': [],
  'test/fixtures/real-flows/twilio-labs-function-templates-vaccine-standby.json': [
    'error liquid-syntax SaveToAirtable 532:23',
    'warning liquid-widget-path SaveToAirtable 500:25',
  ],
  'test/fixtures/real-flows/twilio-webchat-react-app.json': [
    'warning liquid-widget-path send_to_flex_agent 53:40',
    'warning liquid-widget-path send_to_flex_agent 53:89',
    'warning liquid-widget-path send_to_flex_agent 53:130',
    'warning liquid-widget send_to_flex_agent 53:316',
  ],
  'examples/after-hours.json': [],
  'examples/main-ivr.json': [],
  'examples/sms-survey.json': [],
};

describe('Liquid rules on real published flows and the examples', () => {
  const root = new URL('../../', import.meta.url);
  const files = ['test/fixtures/real-flows', 'examples'].flatMap((dir) =>
    readdirSync(new URL(dir, root))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${dir}/${f}`),
  );

  it('knows every flow it checks', () => {
    assert.deepEqual(files.sort(), Object.keys(EXPECTED).sort());
  });

  for (const file of files)
    it(`${file}: ${EXPECTED[file]?.length ?? 0} findings, each a true one`, () => {
      const parsed = parseFlowText(file, readFileSync(new URL(file, root), 'utf8'));
      assert.ok(parsed.ok);
      const found = lintDefinition(parsed.definition)
        .filter((i) => LIQUID_RULES.test(i.rule))
        .map((i) => {
          const at = i.at ? parsed.locateInString(i.pointer, i.at) : parsed.locate(i.pointer);
          return `${i.severity} ${i.rule} ${i.widget} ${at?.line}:${at?.column}`;
        });
      assert.deepEqual(found, EXPECTED[file]);
    });

  it('the vaccine flow: the error is at the unclosed output, and the path named really skips GetEmail', () => {
    const file = 'test/fixtures/real-flows/twilio-labs-function-templates-vaccine-standby.json';
    const text = readFileSync(new URL(file, root), 'utf8');
    const parsed = parseFlowText('v', text);
    assert.ok(parsed.ok);
    assert.equal(text.split('\n')[531]!.slice(22), '{{widgets.LanguagePreference.inbound.Body}",');
    const email = lintDefinition(parsed.definition).find((i) => i.message.includes('{{widgets.GetEmail…}}'));
    assert.match(email?.message ?? '', /"NotificationPreference" → "ValidateNotificationPref" → "LanguagePreference"/);
  });

  it('the webchat flow: the path named is one that really skips the widget', () => {
    const parsed = parseFlowText(
      'w',
      readFileSync(new URL('test/fixtures/real-flows/twilio-webchat-react-app.json', root), 'utf8'),
    );
    assert.ok(parsed.ok);
    const dob = lintDefinition(parsed.definition).find((i) => i.message.includes('{{widgets.enter_dob…}}'));
    assert.match(
      dob?.message ?? '',
      /skip "enter_dob", e\.g\. "Trigger" → "loop_1" → "intro" → "selection_offering" → "send_thank_you" → "send_to_flex_agent"$/,
    );
  });
});
