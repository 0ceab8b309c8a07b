/**
 * The one gate every text that leaves the process passes: the log, warnings, annotations, outputs, the job
 * summary (through ModeIO) and every request to GitHub (comments, review comments, tags, release notes),
 * each scrubbed of the run's credentials. Context escaping happens where the text is built (Markdown and
 * HTML in report/escape.ts, log lines in egress/log-line.ts, annotation data and properties by the toolkit).
 */
import type { GitHub } from '../github/client.ts';
import type { ModeIO } from '../io.ts';
import type { Scrubber } from '../secrets/credentials.ts';

/** Every ModeIO channel; a test checks that this list is all of ModeIO, so a new channel cannot bypass the gate. */
export const MODE_IO_CHANNELS = [
  'info',
  'warning',
  'annotate',
  'setOutput',
  'summary',
  'group',
] as const satisfies readonly (keyof ModeIO)[];

/** A ModeIO whose every channel scrubs the run's credentials first. */
export function gatedIO(io: ModeIO, scrubber: Scrubber): ModeIO {
  const s = (text: string) => scrubber.scrub(text);
  const gated: { [K in (typeof MODE_IO_CHANNELS)[number]]: ModeIO[K] } = {
    info: (m) => io.info(s(m)),
    warning: (m) => io.warning(s(m)),
    annotate: (a) => io.annotate({ ...a, title: s(a.title), message: s(a.message), file: s(a.file) }),
    setOutput: (name, value) => io.setOutput(name, s(value)),
    summary: (md) => io.summary(s(md)),
    group: (name, fn) => io.group(s(name), fn),
  };
  return gated;
}

/** Request options Octokit uses itself: never request content, and the URL template must stay as it is. */
const OCTOKIT_OWN = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType']);

function scrubDeep(value: unknown, scrubber: Scrubber, depth = 0): unknown {
  if (typeof value === 'string') return scrubber.scrub(value);
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrubber, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrubber, depth + 1)]));
}

/** Every request the client sends to GitHub has its parameters (bodies, messages, names) scrubbed first. */
export function gateGitHub(gh: GitHub, scrubber: Scrubber): GitHub {
  gh.hook.before('request', (options) => {
    const params = options as unknown as Record<string, unknown>;
    for (const key of Object.keys(params)) {
      if (!OCTOKIT_OWN.has(key)) params[key] = scrubDeep(params[key], scrubber);
    }
  });
  return gh;
}
