/**
 * OpenAPI 3.0 → JSON Schema for ajv, and a checker that says whether a request or response conforms to the
 * Twilio Studio v2 description. Conversion: `nullable` → `type: [t, 'null']` (and `null` added to an enum),
 * `x-*` keys dropped, `$ref`s into components inlined (their siblings merged in).
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

type Json = Record<string, unknown>;

export function toJsonSchema(node: unknown, spec: Json, depth = 0): unknown {
  if (depth > 50) throw new Error('OpenAPI $ref nesting too deep (cycle?)');
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, spec, depth + 1));
  if (node === null || typeof node !== 'object') return node;
  let source = node as Json;
  if (typeof source.$ref === 'string') {
    const { $ref, ...siblings } = source;
    source = { ...(resolveRef($ref as string, spec) as Json), ...siblings };
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('x-') || key === 'nullable') continue;
    out[key] = toJsonSchema(value, spec, depth + 1);
  }
  if (source.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

function resolveRef(ref: string, spec: Json): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  let target: unknown = spec;
  for (const part of ref.slice(2).split('/'))
    target = (target as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (target === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  return target;
}

/** Twilio's error JSON (not in the Studio description, which lists success answers only). */
export const TWILIO_ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message', 'more_info', 'status'],
  properties: {
    code: { type: 'integer' },
    message: { type: 'string', minLength: 1 },
    more_info: { type: 'string', pattern: '^https://www\\.twilio\\.com/docs/errors/\\d+$' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    details: { type: 'object' },
  },
};

export interface CheckedRequest {
  method: string;
  /** Path with query, e.g. /v2/Flows?PageSize=1000. */
  path: string;
  contentType?: string;
  body?: string;
}

export interface CheckedResponse {
  status: number;
  /** Raw body text. */
  body: string;
}

export interface OpenApiChecker {
  /** The spec's operationId for a request, or null when none matches. */
  operationId(request: CheckedRequest): string | null;
  /** Problems with a request; empty when it conforms. */
  checkRequest(request: CheckedRequest): string[];
  /** Problems with the response to a request; empty when it conforms. */
  checkResponse(request: CheckedRequest, response: CheckedResponse): string[];
}

export function loadOpenApiChecker(specPath: string): OpenApiChecker {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as Json;
  const paths = spec.paths as Record<string, Json>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-map', () => true);
  const cache = new Map<unknown, ValidateFunction>();
  const validate = (schema: unknown, value: unknown, label: string): string[] => {
    let fn = cache.get(schema);
    if (!fn) cache.set(schema, (fn = ajv.compile(toJsonSchema(schema, spec) as Json)));
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => `${label}${e.instancePath} ${e.message}`);
  };
  const templates = Object.keys(paths)
    .map((template) => ({ template, params: template.match(/\{[^}]+\}/g)?.length ?? 0 }))
    .sort((a, b) => a.params - b.params);

  function find(
    request: CheckedRequest,
  ): { operation: Json; pathParams: Record<string, string>; problems: string[] } | { problems: string[] } {
    const url = new URL(request.path, 'http://spec.invalid');
    for (const { template } of templates) {
      const names: string[] = [];
      const pattern = template.replace(/\{([^}]+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'));
      const match = new RegExp(`^${pattern}$`).exec(url.pathname);
      if (!match) continue;
      const operation = paths[template]?.[request.method.toLowerCase()] as Json | undefined;
      if (!operation) return { problems: [`${request.method} is not an operation of ${template}`] };
      const pathParams = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
      return { operation, pathParams, problems: [] };
    }
    return { problems: [`no path in the spec matches ${url.pathname}`] };
  }

  return {
    operationId(request) {
      const found = find(request);
      return 'operation' in found ? String(found.operation.operationId) : null;
    },

    checkRequest(request) {
      const found = find(request);
      if (!('operation' in found)) return found.problems;
      const problems: string[] = [];
      const id = String(found.operation.operationId);
      const parameters = (found.operation.parameters ?? []) as Json[];
      for (const [name, value] of Object.entries(found.pathParams)) {
        const param = parameters.find((p) => p.in === 'path' && p.name === name);
        problems.push(
          ...(param
            ? validate(param.schema, value, `${id} path ${name}`)
            : [`${id}: path parameter ${name} undeclared`]),
        );
      }
      for (const [name, value] of new URL(request.path, 'http://spec.invalid').searchParams) {
        const param = parameters.find((p) => p.in === 'query' && p.name === name);
        if (!param) problems.push(`${id}: query parameter ${name} is not in the spec`);
        else
          problems.push(
            ...validate(
              param.schema,
              (param.schema as Json).type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value,
              `${id} query ${name}`,
            ),
          );
      }
      const formSchema = ((found.operation.requestBody as Json | undefined)?.content as Json | undefined)?.[
        'application/x-www-form-urlencoded'
      ] as Json | undefined;
      if (!formSchema) {
        if (request.body) problems.push(`${id} takes no request body, but one was sent`);
        return problems;
      }
      if (!request.contentType?.startsWith('application/x-www-form-urlencoded')) {
        problems.push(
          `${id}: content-type must be application/x-www-form-urlencoded, got ${request.contentType ?? 'none'}`,
        );
      }
      const schema = toJsonSchema(formSchema.schema, spec) as Json;
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      const form = new URLSearchParams(request.body ?? '');
      for (const name of (schema.required ?? []) as string[])
        if (!form.has(name)) problems.push(`${id}: required form parameter ${name} missing`);
      for (const [name, value] of form) {
        if (!(name in properties)) problems.push(`${id}: form parameter ${name} is not in the spec`);
        else
          problems.push(
            ...validate(
              (formSchema.schema as Json & { properties: Json }).properties[name],
              value,
              `${id} form ${name}`,
            ),
          );
      }
      return problems;
    },

    checkResponse(request, response) {
      const found = find(request);
      if (!('operation' in found)) return found.problems;
      const id = String(found.operation.operationId);
      let body: unknown;
      try {
        body = response.body === '' ? undefined : JSON.parse(response.body);
      } catch {
        return [`${id} ${response.status}: body is not JSON`];
      }
      if (response.status >= 400) {
        const problems = validate(TWILIO_ERROR_SCHEMA, body, `${id} ${response.status} error`);
        const error = body as Json | undefined;
        if (error?.status !== response.status)
          problems.push(`${id}: error status ${String(error?.status)} ≠ HTTP ${response.status}`);
        if (error?.more_info !== `https://www.twilio.com/docs/errors/${String(error?.code)}`)
          problems.push(`${id}: more_info does not name code ${String(error?.code)}`);
        return problems;
      }
      const declared = (found.operation.responses as Record<string, Json>)[String(response.status)];
      if (!declared) return [`${id}: status ${response.status} is not a declared response`];
      const schema = ((declared.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
      if (schema === undefined) return body === undefined ? [] : [`${id} ${response.status}: expected no body`];
      return validate(schema, body, `${id} ${response.status} body`);
    },
  };
}
