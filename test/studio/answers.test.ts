/** Every answer is verified: redirects are never followed, Validate needs `valid: true`, reads need the SID asked for. */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, describe, it } from 'node:test';
import { Agent } from 'undici';
import { StudioClient } from '../../src/studio/client.ts';
import { StudioBadAnswerError, StudioRedirectError, StudioUnconfirmedWriteError } from '../../src/studio/errors.ts';
import { describeStudioFailure } from '../../src/studio/explain.ts';
import { sendJson, startRawServer } from '../support/raw-server.ts';
import type { RawExchange } from '../support/raw-server.ts';
import { ACCOUNT_SID, AUTH_TOKEN, sampleDefinition } from '../support/sample-flows.ts';

const agent = new Agent();
after(() => agent.close());
const TOKEN = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');
const SID = `FW${'12'.repeat(16)}`;
const OTHER = `FW${'34'.repeat(16)}`;

/** A client against a scripted loopback server; the server is closed after `use`. */
async function withServer<T>(
  respond: (e: RawExchange, res: ServerResponse) => void,
  use: (api: StudioClient, exchanges: RawExchange[]) => Promise<T>,
): Promise<T> {
  const raw = await startRawServer(respond);
  try {
    return await use(
      new StudioClient({
        baseUrl: raw.url,
        username: ACCOUNT_SID,
        password: AUTH_TOKEN,
        dispatcher: agent,
        retry: false,
      }),
      raw.exchanges,
    );
  } finally {
    await raw.close();
  }
}

function noSecrets(error: unknown): void {
  const text = `${(error as Error).message} ${JSON.stringify(error)}`;
  assert.ok(
    !text.includes(AUTH_TOKEN) && !text.includes(TOKEN) && !text.includes('s3cr3t-in-location'),
    'no credentials in the error',
  );
}

describe('redirects', () => {
  for (const status of [301, 302, 307, 308]) {
    it(`HTTP ${status} to another port is not followed: no Authorization arrives there; every call fails naming the host`, async () => {
      const target = await startRawServer((_e, res) => sendJson(res, 200, { valid: true }));
      const host = new URL(target.url).host;
      try {
        await withServer(
          (e, res) =>
            res
              .writeHead(status, {
                location: `http://user:s3cr3t-in-location@${host}${e.url}?token=s3cr3t-in-location`,
              })
              .end(),
          async (api, exchanges) => {
            const calls: Array<Promise<unknown>> = [
              api.getFlow(SID),
              api.listFlows(),
              api.getRevision(SID, 1),
              api.validateFlow({ friendlyName: 'A', status: 'draft', definition: sampleDefinition() }),
            ];
            for (const call of calls) {
              const error = await call.catch((e: unknown) => e);
              assert.ok(error instanceof StudioRedirectError, String(error));
              assert.equal(error.locationHost, host);
              assert.match(
                error.message,
                new RegExp(
                  `answered a redirect \\(HTTP ${status}\\) to ${host.replace('.', '\\.')}\\. Redirects are never followed`,
                ),
              );
              assert.match(error.message, /Check the 'studio-url' input .* and any proxy/);
              assert.match(describeStudioFailure(error).fix, /studio-url/);
              noSecrets(error);
            }
            // A write answered by a redirect is read back, which is redirected too: state unknown.
            const write = await api
              .updateFlow(SID, { status: 'published', definition: sampleDefinition(), previousRevision: 1 })
              .catch((e: unknown) => e);
            assert.ok(write instanceof StudioUnconfirmedWriteError, String(write));
            assert.equal(write.sid, SID);
            assert.match(
              write.message,
              /Studio answered a redirect \(HTTP \d+\) to 127\.0\.0\.1:\d+, which does not confirm the write/,
            );
            noSecrets(write);
            assert.ok(exchanges.every((x) => x.headers.authorization === `Basic ${TOKEN}`));
          },
        );
        assert.equal(target.exchanges.length, 0, 'nothing, so no Authorization header, reached the redirect target');
      } finally {
        await target.close();
      }
    });
  }

  it('a Location that is missing or unreadable is said so', async () => {
    await withServer(
      (_e, res) => res.writeHead(302).end(),
      async (api) => {
        const error = await api.getFlow(SID).catch((e: unknown) => e);
        assert.ok(error instanceof StudioRedirectError);
        assert.equal(error.locationHost, null);
        assert.match(error.message, /answered a redirect \(HTTP 302\) without a readable Location/);
      },
    );
  });
});

describe('hostile answers stay out of messages', () => {
  it('a huge non-JSON body, a huge Location host and a SID carrying markup and newlines', async () => {
    const huge = `<html>${'<b>x</b>\n::error::owned '.repeat(200_000)}</html>`;
    await withServer(
      (_e, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(huge),
      async (api) => {
        const error = await api.getFlow(SID).catch((e: unknown) => e);
        assert.ok(error instanceof StudioBadAnswerError);
        assert.ok(error.message.length < 400 && !/[<>\n]|owned/.test(error.message), error.message);
      },
    );
    await withServer(
      (_e, res) => res.writeHead(307, { location: `https://${'a'.repeat(5000)}.example/` }).end(),
      async (api) => {
        const error = await api.getFlow(SID).catch((e: unknown) => e);
        assert.ok(error instanceof StudioRedirectError);
        assert.ok((error.locationHost ?? '').length <= 100 && error.message.length < 500, error.message);
      },
    );
    const hostile = {
      sid: 'FW<script>alert(1)</script>\n::error::owned',
      friendly_name: 'x',
      definition: {},
      status: 'published',
      revision: 2,
    };
    await withServer(
      (e, res) =>
        sendJson(
          res,
          200,
          e.method === 'POST'
            ? hostile
            : {
                sid: SID,
                friendly_name: 'Sales IVR',
                definition: sampleDefinition('old'),
                status: 'published',
                revision: 1,
                commit_message: 'c1',
              },
        ),
      async (api) => {
        const error = await api
          .updateFlow(SID, {
            friendlyName: 'Sales IVR',
            status: 'published',
            definition: sampleDefinition(),
            commitMessage: 'c2',
            previousRevision: 1,
          })
          .catch((e: unknown) => e);
        assert.ok(error instanceof Error && error.name === 'StudioWriteNotAppliedError', String(error));
        assert.match(error.message, new RegExp(`answered with flow a malformed SID instead of ${SID}`));
        assert.ok(!/[<>\n]|owned/.test(error.message), error.message);
      },
    );
  });
});

describe('Validate succeeds only on valid: true', () => {
  const cases: Array<[string, (res: ServerResponse) => void, RegExp]> = [
    [
      '200 {"valid": false}',
      (res) => sendJson(res, 200, { valid: false }),
      /answered \{"valid": false\} without details/,
    ],
    ['200 {}', (res) => sendJson(res, 200, {}), /answered an empty JSON object \(\{\}\)/],
    ['200 with an empty body', (res) => res.writeHead(200).end(), /answered an empty body/],
    ['204', (res) => res.writeHead(204).end(), /answered HTTP 204 without "valid": true \(it answered an empty body\)/],
    [
      '200 {"valid": "true"}',
      (res) => sendJson(res, 200, { valid: 'true' }),
      /answered JSON that is not a Validate answer/,
    ],
    ['200 [true]', (res) => sendJson(res, 200, [true]), /answered JSON that is not a Validate answer/],
  ];
  for (const [name, respond, what] of cases) {
    it(`${name} is not valid: one root-level error saying what Studio answered`, async () => {
      await withServer(
        (_e, res) => respond(res),
        async (api) => {
          const result = await api.validateFlow({ friendlyName: 'A', status: 'draft', definition: sampleDefinition() });
          assert.equal(result.valid, false);
          assert.ok(!result.valid);
          assert.equal(result.errors.length, 1);
          assert.equal(result.errors[0]?.pointer, '');
          assert.match(
            result.errors[0]?.message ?? '',
            /^Twilio's Validate answered HTTP 20[04] without "valid": true/,
          );
          assert.match(result.errors[0]?.message ?? '', what);
        },
      );
    });
  }

  it('a body that is not JSON is an error; {"valid": true} is valid', async () => {
    await withServer(
      (_e, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>OK</title></html>'),
      async (api) => {
        const error = await api
          .validateFlow({ friendlyName: 'A', status: 'draft', definition: {} })
          .catch((e: unknown) => e);
        assert.ok(error instanceof StudioBadAnswerError);
        assert.match(
          error.message,
          /^Twilio Studio POST \/v2\/Flows\/Validate answered HTTP 200 with a body that is not JSON\./,
        );
      },
    );
    await withServer(
      (_e, res) => sendJson(res, 200, { valid: true }),
      async (api) => {
        assert.deepEqual(await api.validateFlow({ friendlyName: 'A', status: 'draft', definition: {} }), {
          valid: true,
        });
      },
    );
  });
});

describe('reads are verified', () => {
  const flow = (over: Record<string, unknown>) => ({
    sid: SID,
    friendly_name: 'Sales IVR',
    definition: sampleDefinition(),
    status: 'published',
    revision: 2,
    ...over,
  });
  const bad: Array<[string, unknown, RegExp]> = [
    ["another flow's SID", flow({ sid: OTHER }), new RegExp(`answered with flow ${OTHER} instead of ${SID}`)],
    ['a hostile SID', flow({ sid: 'FW<img src=x>\n::error::owned' }), /answered with flow a malformed SID instead of/],
    ['no revision', flow({ revision: undefined }), /answered without a revision number/],
    ['revision 0', flow({ revision: 0 }), /answered without a revision number/],
    ['revision "2"', flow({ revision: '2' }), /answered without a revision number/],
    ['{}', {}, /answered HTTP 200 with an empty JSON object/],
    ['an array', [flow({})], /answered HTTP 200 with a JSON array/],
  ];
  for (const [name, body, message] of bad) {
    it(`getFlow answered with ${name} is an error`, async () => {
      await withServer(
        (_e, res) => sendJson(res, 200, body),
        async (api) => {
          const error = await api.getFlow(SID).catch((e: unknown) => e);
          assert.ok(error instanceof StudioBadAnswerError, String(error));
          assert.match(error.message, new RegExp(`^Twilio Studio GET /v2/Flows/${SID} `));
          assert.match(error.message, message);
          assert.ok(!/[<>\n]/.test(error.message), 'no markup or newline from the answer');
        },
      );
    });
  }

  it('getRevision: a numbered revision must be that number, an alias any positive one, of the flow asked for', async () => {
    await withServer(
      (e, res) =>
        sendJson(
          res,
          200,
          e.url.endsWith('/3') ? flow({ revision: 2 }) : e.url.endsWith('/4') ? flow({ sid: OTHER }) : flow({}),
        ),
      async (api) => {
        assert.match(
          String(await api.getRevision(SID, 3).catch((e: unknown) => e)),
          /answered revision r2 instead of r3/,
        );
        assert.match(String(await api.getRevision(SID, 4).catch((e: unknown) => e)), /instead of FW1212/);
        assert.equal((await api.getRevision(SID, 'LatestPublished')).revision, 2);
        assert.equal((await api.getRevision(SID, 2)).revision, 2);
      },
    );
  });

  it('a malformed list entry is an error naming the page, never a dropped flow', async () => {
    const next = 'https://studio.twilio.com/v2/Flows?PageSize=1000&Page=1&PageToken=PA1';
    const pages: Record<string, unknown[]> = {
      '0': [flow({ definition: null })],
      '1': [flow({ sid: OTHER }), { sid: 'FW1', friendly_name: 'short' }],
    };
    await withServer(
      (e, res) => {
        const page = new URL(e.url, 'http://x').searchParams.get('Page') ?? '0';
        sendJson(res, 200, { flows: pages[page], meta: { key: 'flows', next_page_url: page === '0' ? next : null } });
      },
      async (api) => {
        const error = await api.listFlows().catch((e: unknown) => e);
        assert.ok(error instanceof StudioBadAnswerError);
        assert.match(
          error.message,
          /^Twilio Studio GET \/v2\/Flows\?PageSize=1000&Page=1&PageToken=PA1 answered a page with an entry whose "sid" is not a flow SID \(FW and 32 hex digits\): a malformed SID \(entry 2 of "flows"\)/,
        );
      },
    );
    for (const entry of [null, { sid: SID }, { sid: SID, friendly_name: 7 }]) {
      await withServer(
        (_e, res) => sendJson(res, 200, { flows: [entry], meta: { next_page_url: null } }),
        async (api) => {
          await assert.rejects(
            api.listFlows(),
            (error: unknown) => error instanceof StudioBadAnswerError && /entry 1 of "flows"/.test(error.message),
          );
        },
      );
    }
  });

  it('listRevisions entries must be revisions of that flow', async () => {
    await withServer(
      (_e, res) =>
        sendJson(res, 200, { revisions: [flow({}), flow({ sid: OTHER, revision: 1 })], meta: { next_page_url: null } }),
      async (api) => {
        await assert.rejects(
          api.listRevisions(SID),
          /answered a page with a revision of flow FW3434[0-9]* instead of FW1212[0-9]* \(entry 2 of "revisions"\)/,
        );
      },
    );
  });
});
