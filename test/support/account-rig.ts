/**
 * A raw HTTP server on loopback standing in for Twilio's Serverless and TaskRouter APIs (its answer set per test),
 * another one elsewhere (for next pages and redirects that must not be followed), and real AccountLists pointed at
 * the first, without retries: for the tests of hostile answers and transport.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before } from 'node:test';
import { Agent } from 'undici';
import { readSettings } from '../../src/settings.ts';
import { accountListsFor } from '../../src/studio/account-lists.ts';
import type { AccountLists } from '../../src/studio/account-types.ts';
import { sendJson, startRawServer } from './raw-server.ts';
import type { RawExchange, RawServer } from './raw-server.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from './sample-flows.ts';

export type Answer = (exchange: RawExchange, res: ServerResponse, origin: string) => void;

export interface AccountRig {
  readonly server: RawServer;
  readonly elsewhere: RawServer;
  /** What the server answers; set per test. */
  answer: Answer;
  /** Fresh AccountLists (nothing cached) on the server. */
  lists(): AccountLists;
}

/** The rig for the file that calls it: started before its tests, closed after them. */
export function useAccountRig(): AccountRig {
  const agent = new Agent();
  let server: RawServer | undefined;
  let elsewhere: RawServer | undefined;
  const rig: AccountRig = {
    get server() {
      assert.ok(server, 'the rig is started');
      return server;
    },
    get elsewhere() {
      assert.ok(elsewhere, 'the rig is started');
      return elsewhere;
    },
    answer: () => {},
    lists() {
      const values: Record<string, string> = {
        'twilio-account-sid': ACCOUNT_SID,
        'twilio-auth-token': AUTH_TOKEN,
        'studio-url': rig.server.url,
      };
      const settings = readSettings(
        (name) => values[name] ?? '',
        () => {},
      );
      const made = accountListsFor(settings, () => {}, { dispatcher: agent, retry: false });
      assert.ok(made);
      return made;
    },
  };
  before(async () => {
    server = await startRawServer((exchange, res, origin) => rig.answer(exchange, res, origin));
    elsewhere = await startRawServer((_e, res) => sendJson(res, 200, { services: [], meta: { next_page_url: null } }));
  });
  after(async () => {
    await server?.close();
    await elsewhere?.close();
    await agent.close();
  });
  return rig;
}

/** One page of a Twilio list answer under `key`. */
export const page = (key: string, items: unknown[], next: string | null = null) => ({
  [key]: items,
  meta: { next_page_url: next },
});
