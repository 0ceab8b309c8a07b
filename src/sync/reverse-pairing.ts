/** Which item of a file's array each item of the live array stands for, so the reverse walks like with like. */
import { isDeepStrictEqual } from 'node:util';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const nameOf = (v: unknown) => (isObject(v) && typeof v['name'] === 'string' ? v['name'] : undefined);

/** Which file item each live item stands for: by widget name, else by index (same length), else by equal value. */
export function pairing(file: unknown[], resolved: unknown[], live: unknown[]): (number | undefined)[] {
  const liveNames = live.map(nameOf);
  const fileNames = file.map(nameOf);
  if (liveNames.every((n) => n !== undefined) && fileNames.every((n) => n !== undefined))
    return liveNames.map((n) => {
      const i = fileNames.indexOf(n);
      return i < 0 ? undefined : i;
    });
  if (file.length === live.length) return live.map((_, i) => i);
  const used = new Set<number>();
  return live.map((item) => {
    const i = resolved.findIndex((r, k) => !used.has(k) && isDeepStrictEqual(r, item));
    if (i < 0) return undefined;
    used.add(i);
    return i;
  });
}
