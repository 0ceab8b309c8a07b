/** application/x-www-form-urlencoded bodies for Studio, and the 1 MB body limit. */
import { FlowTooLargeError } from './errors.ts';

/** Studio refuses bodies of 1 MB or more; we refuse them first, with a clearer message. */
export const MAX_BODY_BYTES = 1_000_000;

/** Encode PascalCase params, skipping undefined ones. Order is kept. */
export function encodeForm(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.append(name, value);
  }
  return search.toString();
}

/** A definition as Studio takes it: a JSON string. */
export function definitionParam(definition: unknown): string {
  return typeof definition === 'string' ? definition : JSON.stringify(definition);
}

/** Throw FlowTooLargeError when an encoded body is over the limit. */
export function assertBodySize(body: string, flowName: string | undefined): void {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    throw new FlowTooLargeError({ flowName: flowName ?? '(unnamed flow)', bytes, limit: MAX_BODY_BYTES });
  }
}
