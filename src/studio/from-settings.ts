/** The one way the action, the CLI and the benchmark build a Studio client from the parsed inputs. */
import type { Settings } from '../settings.ts';
import { StudioClient } from './client.ts';
import type { StudioClientOptions } from './types.ts';

/**
 * A client with the inputs' limits: `concurrency` connections, `request-timeout` per attempt,
 * `timeout` for all Studio work; each retry is told to `log`. Undefined without credentials (offline).
 */
export function studioClientFor(
  settings: Settings,
  log: (message: string) => void,
  extra: Partial<StudioClientOptions> = {},
): StudioClient | undefined {
  if (!settings.credentials) return undefined;
  const { username, password } = settings.credentials;
  return new StudioClient({
    baseUrl: settings.studioUrl,
    username,
    password,
    timeoutMs: settings.requestTimeoutMs,
    connections: settings.concurrency,
    deadlineMs: settings.timeoutMs,
    onRetry: (event) => log(event.message),
    ...extra,
  });
}
