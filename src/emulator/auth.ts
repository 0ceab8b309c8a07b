/** Basic-auth checking as Twilio does it: Account SID + Auth Token, or API Key SID + secret. */
import { timingSafeEqual } from 'node:crypto';
import { EmulatorHttpError, ErrorCodes } from './twilio-error.ts';

/** Documented demo credentials: safe to print, useless anywhere but the emulator. */
export const DEMO_ACCOUNT_SID = 'AC00000000000000000000000000000000';
export const DEMO_AUTH_TOKEN = 'emulator-demo-auth-token';
/** A demo API key of the demo account (Basic auth with the key SID and its secret, as Twilio accepts). */
export const DEMO_API_KEY_SID = 'SK00000000000000000000000000000000';
export const DEMO_API_KEY_SECRET = 'emulator-demo-api-secret';

export interface ApiKey {
  sid: string;
  secret: string;
}

export interface EmulatorCredentials {
  accountSid: string;
  authToken: string;
  apiKeys?: ApiKey[];
}

/** Throws a 401 (code 20003) unless the Authorization header holds valid credentials for the account. */
export function checkAuthorization(header: string | undefined, credentials: EmulatorCredentials): void {
  const pair = decodeBasic(header);
  if (pair && isAccepted(pair.username, pair.password, credentials)) return;
  throw new EmulatorHttpError({ status: 401, code: ErrorCodes.authenticate, message: 'Authenticate' });
}

function isAccepted(username: string, password: string, credentials: EmulatorCredentials): boolean {
  if (username === credentials.accountSid) return same(password, credentials.authToken);
  const key = credentials.apiKeys?.find((candidate) => candidate.sid === username);
  return key !== undefined && same(password, key.secret);
}

function decodeBasic(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
