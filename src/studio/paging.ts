/** Follow Studio's list pages (`meta.next_page_url`) to the end. */
import type { Send } from './types.ts';

export const MAX_PAGE_SIZE = 1000;

/**
 * GET `firstPath` and every page after it; return the items under `key` from all pages.
 * `next_page_url` is absolute (Twilio's host); only its path and query are used, so the client's own base
 * URL (e.g. a loopback emulator) keeps being used.
 */
export async function collectPages(send: Send, firstPath: string, key: string): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let path: string | null = firstPath;
  while (path !== null) {
    if (seen.has(path)) throw new Error(`Twilio Studio paging loops: ${path} was already fetched`);
    seen.add(path);
    const { body } = await send({ method: 'GET', path });
    const page = asRecord(body);
    const pageItems = page[key];
    if (!Array.isArray(pageItems)) throw new Error(`Twilio Studio list ${path} has no "${key}" array`);
    items.push(...pageItems);
    path = nextPath(asRecord(page.meta).next_page_url);
  }
  return items;
}

/** The path+query of a next-page URL, or null when there is no next page. */
export function nextPath(nextPageUrl: unknown): string | null {
  if (typeof nextPageUrl !== 'string' || nextPageUrl === '') return null;
  const url = new URL(nextPageUrl, 'https://studio.twilio.com');
  return url.pathname + url.search;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
