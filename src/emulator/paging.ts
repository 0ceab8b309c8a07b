/**
 * Twilio-style list pages. `PageSize` (1..1000, default 50), `Page` (0-based) and `PageToken`
 * (`PA<sid>`: start after that item, `PB<sid>`: end before it) select the page; `meta` carries absolute URLs.
 */
import { badParameter } from './twilio-error.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  /** Absolute URL of the list, without query, e.g. http://127.0.0.1:4010/v2/Flows. */
  listUrl: string;
  query: URLSearchParams;
  key: string;
}

export function pageOf<T>(
  items: T[],
  idOf: (item: T) => string,
  req: PageRequest,
): { page: T[]; meta: Record<string, unknown> } {
  const pageSize = intParam(req.query, 'PageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const pageNumber = intParam(req.query, 'Page', 0, 0, Number.MAX_SAFE_INTEGER);
  const token = req.query.get('PageToken');
  const start = startIndex(items.map(idOf), token, pageNumber * pageSize, pageSize);
  const page = items.slice(start, start + pageSize);
  const pageUrl = (number: number, pageToken?: string): string => {
    const query = new URLSearchParams({ PageSize: String(pageSize), Page: String(number) });
    if (pageToken) query.set('PageToken', pageToken);
    return `${req.listUrl}?${query.toString()}`;
  };
  const first = page[0];
  const last = page.at(-1);
  const hasNext = start + pageSize < items.length && last !== undefined;
  const hasPrevious = start > 0 && pageNumber > 0 && first !== undefined;
  return {
    page,
    meta: {
      page: pageNumber,
      page_size: pageSize,
      first_page_url: pageUrl(0),
      previous_page_url: hasPrevious ? pageUrl(pageNumber - 1, `PB${idOf(first)}`) : null,
      url: pageUrl(pageNumber, token ?? undefined),
      next_page_url: hasNext ? pageUrl(pageNumber + 1, `PA${idOf(last)}`) : null,
      key: req.key,
    },
  };
}

function startIndex(ids: string[], token: string | null, fallback: number, pageSize: number): number {
  if (token && token.length > 2) {
    const index = ids.indexOf(token.slice(2));
    if (index >= 0 && token.startsWith('PA')) return index + 1;
    if (index >= 0 && token.startsWith('PB')) return Math.max(0, index - pageSize);
  }
  return fallback;
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw badParameter(`Invalid ${name}: must be an integer from ${min} to ${max}`);
  }
  return value;
}
