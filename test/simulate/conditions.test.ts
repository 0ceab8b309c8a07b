/**
 * Split Based On… (https://www.twilio.com/docs/studio/widget-library/split-based-on): the transitions are tested
 * in order, the first match wins, else noMatch; "Studio conditions are not case-sensitive and automatically trim
 * leading and trailing spaces of the values" (the page's earlier edition); a match's conditions must all hold
 * (the flow definition's transitions schema). One test per condition type of the flow definition.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flow, sim } from './flows.ts';

type Cond = { type: string; value: unknown; arguments?: string[] };

/** The event and condition a split on `input` takes, given a trigger Body and its match conditions. */
function decide(body: string, ...matches: (Cond | Cond[])[]) {
  const f = flow([
    {
      name: 'split',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch' },
        ...matches.map((m, i) => ({
          event: 'match',
          conditions: (Array.isArray(m) ? m : [m]).map((c) => ({
            friendly_name: `c${i}`,
            arguments: c.arguments ?? ['{{trigger.message.Body}}'],
            type: c.type,
            value: c.value,
          })),
        })),
      ],
      properties: { input: '{{trigger.message.Body}}' },
    },
  ]);
  const r = sim(f, { trigger: { event: 'incomingMessage', parameters: { Body: body } } });
  if (r.end.kind === 'error') return `error: ${r.end.message}`;
  const step = r.steps[1];
  return step?.event === 'match' ? (step.condition ?? '?') : (step?.event ?? '?');
}

const one = (body: string, type: string, value: unknown) => decide(body, { type, value });

describe('simulate: split-based-on conditions', () => {
  it('equal_to / not_equal_to: case-insensitive, trimmed', () => {
    assert.equal(one('  Yes ', 'equal_to', 'yes'), 'c0');
    assert.equal(one('yes please', 'equal_to', 'yes'), 'noMatch');
    assert.equal(one('no', 'not_equal_to', 'YES'), 'c0');
    assert.equal(one('YES', 'not_equal_to', 'yes'), 'noMatch');
  });

  it('matches_any_of / does_not_match_any_of: a comma list, each item trimmed (real flows write "New, Existing")', () => {
    assert.equal(one('existing', 'matches_any_of', 'New, Existing'), 'c0');
    assert.equal(one('Exist', 'matches_any_of', 'New, Existing'), 'noMatch');
    assert.equal(one('other', 'does_not_match_any_of', 'New, Existing'), 'c0');
    assert.equal(one('NEW', 'does_not_match_any_of', 'New, Existing'), 'noMatch');
  });

  it('is_blank / is_not_blank: spaces only are blank', () => {
    assert.equal(one('   ', 'is_blank', ''), 'c0');
    assert.equal(one('x', 'is_blank', ''), 'noMatch');
    assert.equal(one('x', 'is_not_blank', ''), 'c0');
    assert.equal(one('', 'is_not_blank', ''), 'noMatch');
  });

  it('regex: a search in the input; an invalid regex is an error naming it', () => {
    assert.equal(one('order 12345', 'regex', '\\d{5}'), 'c0');
    assert.equal(one('order 12', 'regex', '^\\d+$'), 'noMatch');
    assert.match(one('x', 'regex', '(unclosed'), /error: .*regex "\(unclosed" is not valid/);
  });

  it('regex: a pattern with nested repetition (exponential in JavaScript) is refused fast, never run', () => {
    const started = performance.now();
    assert.match(one(`${'a'.repeat(40)}b`, 'regex', '^(a+)+$'), /error: .*repeats a repeated group/);
    assert.ok(performance.now() - started < 1000);
  });

  it('contains / does_not_contain', () => {
    assert.equal(one('I need BILLING help', 'contains', 'billing'), 'c0');
    assert.equal(one('sales', 'contains', 'billing'), 'noMatch');
    assert.equal(one('sales', 'does_not_contain', 'billing'), 'c0');
    assert.equal(one('billing', 'does_not_contain', 'Bill'), 'noMatch');
  });

  it('starts_with / does_not_start_with (a business-hours split on starts_with "open")', () => {
    assert.equal(one('Open until 5', 'starts_with', 'open'), 'c0');
    assert.equal(one('closed', 'starts_with', 'open'), 'noMatch');
    assert.equal(one('closed', 'does_not_start_with', 'open'), 'c0');
    assert.equal(one('opened', 'does_not_start_with', 'open'), 'noMatch');
  });

  it('less_than / greater_than compare numbers; a value that is not a number stops with an error', () => {
    assert.equal(one('9', 'less_than', '10'), 'c0');
    assert.equal(one('10', 'less_than', '9'), 'noMatch');
    assert.equal(one('10.5', 'greater_than', 10), 'c0');
    assert.equal(one('-1', 'greater_than', '0'), 'noMatch');
    assert.match(one('ten', 'less_than', '10'), /error: .*"less_than" compares numbers, and "ten" is not a number/);
  });

  it('is_before_time / is_after_time compare times of day (17:00, 0800, an ISO date-time)', () => {
    assert.equal(one('07:59', 'is_before_time', '0800'), 'c0');
    assert.equal(one('08:00', 'is_before_time', '08:00'), 'noMatch');
    assert.equal(one('2026-11-30T17:30:00-05:00', 'is_after_time', '17:00'), 'c0');
    assert.equal(one('1659', 'is_after_time', '17:00'), 'noMatch');
    assert.match(one('soon', 'is_after_time', '17:00'), /error: .*"soon" is not a time/);
  });

  it('is_before_date / is_after_date compare dates (2026-12-24, an ISO date-time)', () => {
    assert.equal(one('2026-12-23', 'is_before_date', '2026-12-24'), 'c0');
    assert.equal(one('2026-12-24T10:00:00Z', 'is_before_date', '2026-12-24'), 'noMatch');
    assert.equal(one('2027-01-01', 'is_after_date', '2026-12-31'), 'c0');
    assert.match(one('2026-02-30', 'is_after_date', '2026-01-01'), /error: .*"2026-02-30" is not a date/);
  });

  it('the clock: an input of {{ "now" | date }} reads the run\'s now, so business hours test the same on any day', () => {
    const f = (now: string) => {
      const r = sim(
        flow([
          {
            name: 'hours',
            type: 'split-based-on',
            transitions: [
              { event: 'noMatch' },
              {
                event: 'match',
                conditions: [
                  {
                    friendly_name: 'open',
                    arguments: ['{{ "now" | date: "%H:%M" }}'],
                    type: 'is_after_time',
                    value: '08:00',
                  },
                  {
                    friendly_name: 'open',
                    arguments: ['{{ "now" | date: "%H:%M" }}'],
                    type: 'is_before_time',
                    value: '17:00',
                  },
                ],
              },
            ],
            properties: { input: '{{ "now" | date: "%H:%M" }}' },
          },
        ]),
        { now },
      );
      return r.steps[1]?.event;
    };
    assert.equal(f('2026-11-30T09:15:00Z'), 'match');
    assert.equal(f('2026-11-30T18:15:00Z'), 'noMatch');
  });

  it('the first matching transition wins; all conditions of one transition must hold', () => {
    assert.equal(decide('yes', { type: 'contains', value: 'y' }, { type: 'equal_to', value: 'yes' }), 'c0');
    const both: Cond[] = [
      { type: 'starts_with', value: 'a' },
      { type: 'contains', value: 'z' },
    ];
    assert.equal(decide('abc', both, { type: 'is_not_blank', value: '' }), 'c1');
    assert.equal(decide('abz', both), 'c0');
  });

  it('values render as Liquid ("Constants, variables, and expressions are supported")', () => {
    assert.equal(one('+15550001111', 'equal_to', '{{contact.channel.address}}'), 'noMatch');
    const r = decide('hi', { type: 'equal_to', value: '{{trigger.message.Body}}' });
    assert.equal(r, 'c0');
  });

  it('an unknown condition type is an error naming it, never a guess', () => {
    assert.match(one('x', 'sounds_like', 'x'), /error: .*unknown condition type "sounds_like"/);
  });

  it('no noMatch transition: a split with no match ends the execution', () => {
    const f = flow([{ name: 's', type: 'split-based-on', transitions: [], properties: { input: 'x' } }]);
    assert.deepEqual(sim(f).end, { kind: 'ended', widget: 's', event: 'noMatch' });
  });
});
