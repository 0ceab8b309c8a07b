/** Follow Twilio's list pages (`meta.next_page_url`) to the end: Studio, Serverless and TaskRouter lists alike. */
import type { Send } from './types.ts';

export const MAX_PAGE_SIZE = 1000;
/** Pages followed at most for one list (a million entries at the largest page size): a guard against an endless list. */
export const MAX_PAGES = 1000;

export interface PagingOptions {
  /** Names the API in messages; default "Twilio Studio". */
  label?: string;
  /** The input to check when a next page is refused; default 'studio-url'. */
  input?: string;
  /**
   * When given, a next_page_url must name one of these origins (e.g. the client's base URL and Twilio's own
   * host for the API); any other host is refused with an error. Without it only the path is checked.
   */
  origins?: readonly string[];
  /** Default MAX_PAGES. */
  maxPages?: number;
}

/**
 * GET `firstPath` and every page after it; return the items under `key` from all pages.
 * `next_page_url` is absolute (Twilio's host); only its path and query are used, so the client's own base
 * URL (e.g. a loopback emulator) keeps being used, and only a next page of the same list is followed: the
 * URL is upstream data, and a path like `//other.host/…` would otherwise carry our credentials elsewhere.
 */
export async function collectPages(
  send: Send,
  firstPath: string,
  key: string,
  options: PagingOptions = {},
): Promise<unknown[]> {
  const label = options.label ?? 'Twilio Studio';
  const maxPages = options.maxPages ?? MAX_PAGES;
  const items: unknown[] = [];
  const seen = new Set<string>();
  const listPath = new URL(firstPath, 'https://studio.twilio.com').pathname;
  let path: string | null = firstPath;
  while (path !== null) {
    if (seen.has(path)) throw new Error(`${label} paging loops: ${path} was already fetched`);
    if (seen.size >= maxPages)
      throw new Error(
        `${label} list ${listPath} has more than ${maxPages} pages; it was not read to the end. Check '${options.input ?? 'studio-url'}' and any proxy in between.`,
      );
    seen.add(path);
    const { body } = await send({ method: 'GET', path });
    const page = asRecord(body);
    const pageItems = page[key];
    if (!Array.isArray(pageItems)) throw new Error(`${label} list ${path} has no "${key}" array`);
    items.push(...(pageItems as unknown[]));
    path = nextPath(asRecord(page.meta).next_page_url, listPath, options);
  }
  return items;
}

/**
 * The path+query of a next-page URL, or null when there is no next page. Anything but an absolute
 * http(s) URL of the same list (`listPath`, e.g. `/v2/Flows`), on one of `options.origins` when given, is
 * refused with an error.
 */
export function nextPath(nextPageUrl: unknown, listPath: string, options: PagingOptions = {}): string | null {
  if (nextPageUrl === null || nextPageUrl === undefined || nextPageUrl === '') return null;
  const refuse = (why: string) =>
    new Error(
      `${options.label ?? 'Twilio Studio'} list ${listPath} answered a next_page_url that ${why}; it was not followed. Check '${options.input ?? 'studio-url'}' and any proxy in between.`,
    );
  if (typeof nextPageUrl !== 'string') throw refuse('is not a string');
  let url: URL;
  try {
    url = new URL(nextPageUrl);
  } catch {
    throw refuse('is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse(`uses ${url.protocol.slice(0, 20)} instead of https`);
  if (url.pathname !== listPath) throw refuse('names another path than the list itself');
  if (options.origins && !options.origins.includes(url.origin)) throw refuse('names another host');
  return url.pathname + url.search;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
