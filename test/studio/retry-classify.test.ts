/**
 * Which network failures may be sent again (src/studio/retry-classify.ts). The promise that protects
 * production: a write is resent without first checking whether it landed ONLY when every error code says
 * the request never left (a refused connection, no DNS answer). A failure we cannot read (no code, an
 * unknown code, a code mixed with a reset) is never classed as "not sent": a create sent twice makes two flows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyFailure, parseRetryAfter } from '../../src/studio/retry.ts';
import { StudioApiError, StudioNetworkError } from '../../src/studio/errors.ts';

const withCode = (code: unknown, message = 'socket trouble') => Object.assign(new Error(message), { code });
const network = (cause: unknown) => new StudioNetworkError({ method: 'POST', path: '/v2/Flows', cause });
const verdict = (cause: unknown): string => {
  const failure = classifyFailure(network(cause));
  return failure === undefined ? 'never' : failure.ambiguous ? 'ambiguous' : 'not sent';
};

describe('a network failure is "not sent" only when every code says so', () => {
  it('a network error without an error code is never retried as "not sent" (nor retried at all)', () => {
    assert.equal(verdict(new Error('other side closed')), 'never');
    assert.equal(verdict(undefined), 'never');
    assert.equal(verdict(null), 'never');
    assert.equal(verdict('ECONNREFUSED'), 'never', 'a bare string is not a code');
    assert.equal(verdict(withCode(111)), 'never', 'a numeric errno is not a code we know');
    assert.equal(verdict(new AggregateError([], 'all failed')), 'never');
    assert.equal(verdict(withCode(undefined)), 'never');
  });

  it('each code of a request that never left is "not sent"; each code of one that may have is ambiguous', () => {
    for (const code of ['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])
      assert.equal(verdict(withCode(code)), 'not sent', code);
    for (const code of ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET'])
      assert.equal(verdict(withCode(code)), 'ambiguous', code);
    for (const code of [
      'ENOTFOUND',
      'econnrefused',
      'ECONNREFUSED ',
      'UND_ERR_HEADERS_TIMEOUT',
      '',
      'E'.repeat(10_000),
    ])
      assert.equal(verdict(withCode(code)), 'never', JSON.stringify(code.slice(0, 20)));
  });

  it('a refusal next to an unknown code or a reset is not "not sent"; a reset anywhere makes it ambiguous', () => {
    const aggregate = (...errors: unknown[]) => new AggregateError(errors, 'several addresses');
    assert.equal(verdict(aggregate(withCode('ECONNREFUSED'), withCode('ECONNREFUSED'))), 'not sent');
    assert.equal(verdict(aggregate(withCode('ECONNREFUSED'), withCode('ENOTFOUND'))), 'never');
    assert.equal(verdict(aggregate(withCode('ECONNREFUSED'), new Error('no code'))), 'not sent');
    assert.equal(verdict(aggregate(withCode('ECONNREFUSED'), withCode('ECONNRESET'))), 'ambiguous');
    assert.equal(verdict(aggregate(withCode('ECONNRESET'), withCode('ECONNREFUSED'))), 'ambiguous');
    assert.equal(verdict(aggregate(withCode('ENOTFOUND'), withCode('EPIPE'))), 'ambiguous');
  });

  it('codes are read through causes and aggregates (undici wraps them), four levels deep and no deeper', () => {
    const wrap = (inner: unknown, times: number): unknown =>
      times === 0 ? inner : wrap(Object.assign(new Error('wrapped'), { cause: inner }), times - 1);
    assert.equal(verdict(wrap(withCode('ECONNRESET'), 4)), 'ambiguous');
    assert.equal(verdict(wrap(withCode('ECONNREFUSED'), 4)), 'not sent');
    assert.equal(verdict(wrap(withCode('ECONNRESET'), 5)), 'never', 'past the depth limit nothing is read');
    assert.equal(verdict(wrap(new AggregateError([withCode('EPIPE')]), 2)), 'ambiguous');
    assert.equal(verdict(Object.assign(withCode('ECONNREFUSED'), { cause: withCode('ECONNRESET') })), 'ambiguous');
    assert.equal(verdict(Object.assign(withCode('ECONNREFUSED'), { errors: [withCode('ENOTFOUND')] })), 'never');
    assert.equal(verdict(Object.assign(withCode('ECONNREFUSED'), { errors: 'ECONNRESET' })), 'not sent');
    const loop: { code: unknown; cause?: unknown } = withCode('ECONNREFUSED');
    loop.cause = loop;
    assert.equal(verdict(loop), 'not sent', 'a cause cycle ends at the depth limit');
    const self = new AggregateError([withCode('ECONNREFUSED')], 'contains itself');
    (self.errors as unknown[]).push(self);
    assert.equal(verdict(self), 'not sent', 'an aggregate that contains itself ends at the depth limit');
  });
});

describe('what is not a network failure of ours', () => {
  it('an error that is not a StudioNetworkError is never retried for its codes (a bug of ours is not the network)', () => {
    for (const error of [withCode('ECONNREFUSED'), Object.assign(new Error('x'), { cause: withCode('ECONNREFUSED') })])
      assert.equal(classifyFailure(error), undefined);
  });

  it('members without a string code (null, text, numbers, a numeric errno) add no code', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), null, 'ECONNRESET', 42, withCode(104)]);
    assert.equal(verdict(aggregate), 'not sent');
  });

  it('a server error without Retry-After has no retryAfterMs at all; with one, its value', () => {
    const api = (retryAfter: string | null) =>
      new StudioApiError({
        status: 503,
        code: 50300,
        message: 'Service Unavailable',
        moreInfo: null,
        details: null,
        method: 'GET',
        path: '/v2/Flows',
        retryAfter,
      });
    assert.deepEqual(classifyFailure(api(null)), { reason: 'server-error', ambiguous: true });
    assert.deepEqual(classifyFailure(api('3')), { reason: 'server-error', ambiguous: true, retryAfterMs: 3_000 });
  });
});

describe('Retry-After', () => {
  it('is read as seconds (whole or decimal, spaces around) or an HTTP date; anything else is ignored', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    assert.equal(parseRetryAfter(' 2 ', now), 2_000);
    assert.equal(parseRetryAfter('1.5', now), 1_500);
    assert.equal(parseRetryAfter('1.25', now), 1_250);
    assert.equal(parseRetryAfter('x2', now), undefined);
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter('0.0004', now), 0);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    for (const bad of ['1e3', '2 seconds', '', '<b>5</b>', '5\n::error::x'])
      assert.equal(parseRetryAfter(bad, now), undefined, JSON.stringify(bad));
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 10:00:01 GMT', now), 1_000);
  });
});
