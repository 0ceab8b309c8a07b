/** Studio v2 routes over the store. Pure request → reply; the server does HTTP, auth and logging. */
import { judgeDefinition, parseDefinitionParam, requireValidDefinition } from './definition-check.ts';
import type { Linter } from './definition-check.ts';
import { pageOf } from './paging.ts';
import { flowJson, revisionJson } from './representation.ts';
import type { RenderContext } from './representation.ts';
import { latestPublished, latestRevision } from './store.ts';
import type { EmulatedStatus, FlowStore, StoredFlow } from './store.ts';
import { badParameter, EmulatorHttpError, ErrorCodes, notFound } from './twilio-error.ts';

export interface RouteContext {
  store: FlowStore;
  render: RenderContext;
  lint: Linter;
}

export interface EmulatorRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  form: URLSearchParams;
}

export interface EmulatorReply {
  status: number;
  body?: unknown;
}

const FLOW_SID = /^FW[0-9a-fA-F]{32}$/;

export function route(req: EmulatorRequest, ctx: RouteContext): EmulatorReply {
  const parts = req.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'v2' || parts[1] !== 'Flows') throw notFound(req.pathname);
  const [, , sidOrAction, sub, revision, ...rest] = parts;
  if (rest.length > 0) throw notFound(req.pathname);

  if (sidOrAction === undefined) {
    if (req.method === 'GET') return listFlows(req, ctx);
    if (req.method === 'POST') return createFlow(req, ctx);
    throw methodNotAllowed(req);
  }
  if (sidOrAction === 'Validate' && sub === undefined) {
    if (req.method === 'POST') return validateFlow(req, ctx);
    throw methodNotAllowed(req);
  }
  const flow = FLOW_SID.test(sidOrAction) ? ctx.store.get(sidOrAction) : undefined;
  if (!flow || (sub !== undefined && sub !== 'Revisions')) throw notFound(req.pathname);

  if (sub === undefined) {
    if (req.method === 'GET') return { status: 200, body: flowJson(flow, ctx.render, true) };
    if (req.method === 'POST') return updateFlow(flow, req, ctx);
    if (req.method === 'DELETE') {
      ctx.store.remove(flow.sid);
      return { status: 204 };
    }
    throw methodNotAllowed(req);
  }
  if (req.method !== 'GET') throw methodNotAllowed(req);
  if (revision === undefined) return listRevisions(flow, req, ctx);
  return fetchRevision(flow, revision, req.pathname, ctx);
}

function listFlows(req: EmulatorRequest, ctx: RouteContext): EmulatorReply {
  const listUrl = `${ctx.render.baseUrl}/v2/Flows`;
  const { page, meta } = pageOf(ctx.store.list(), (flow) => flow.sid, { listUrl, query: req.query, key: 'flows' });
  return { status: 200, body: { flows: page.map((flow) => flowJson(flow, ctx.render, false)), meta } };
}

function createFlow(req: EmulatorRequest, ctx: RouteContext): EmulatorReply {
  const friendlyName = required(req.form, 'FriendlyName');
  const status = statusParam(req.form);
  const definition = parseDefinitionParam(required(req.form, 'Definition'));
  const verdict = requireValidDefinition(definition, ctx.lint);
  const flow = ctx.store.create({
    friendlyName,
    definition,
    status,
    commitMessage: req.form.get('CommitMessage'),
    ...verdict,
  });
  return { status: 201, body: flowJson(flow, ctx.render, true) };
}

function updateFlow(flow: StoredFlow, req: EmulatorRequest, ctx: RouteContext): EmulatorReply {
  const status = statusParam(req.form);
  const latest = latestRevision(flow);
  const rawDefinition = req.form.get('Definition');
  const definition = rawDefinition === null ? latest.definition : parseDefinitionParam(rawDefinition);
  const verdict =
    rawDefinition === null ? judgeDefinition(definition, ctx.lint) : requireValidDefinition(definition, ctx.lint);
  const friendlyName = req.form.get('FriendlyName');
  if (friendlyName === '') throw badParameter('Invalid FriendlyName: must not be empty');
  const updated = ctx.store.update(flow.sid, {
    friendlyName: friendlyName ?? latest.friendlyName,
    definition,
    status,
    commitMessage: req.form.get('CommitMessage'),
    ...verdict,
  });
  if (!updated) throw notFound(req.pathname);
  return { status: 200, body: flowJson(updated, ctx.render, true) };
}

function validateFlow(req: EmulatorRequest, ctx: RouteContext): EmulatorReply {
  required(req.form, 'FriendlyName');
  statusParam(req.form);
  requireValidDefinition(parseDefinitionParam(required(req.form, 'Definition')), ctx.lint);
  return { status: 200, body: { valid: true } };
}

function listRevisions(flow: StoredFlow, req: EmulatorRequest, ctx: RouteContext): EmulatorReply {
  const listUrl = `${ctx.render.baseUrl}/v2/Flows/${flow.sid}/Revisions`;
  const newestFirst = [...flow.revisions].reverse();
  const { page, meta } = pageOf(newestFirst, (r) => String(r.revision), {
    listUrl,
    query: req.query,
    key: 'revisions',
  });
  return { status: 200, body: { revisions: page.map((r) => revisionJson(flow, r, ctx.render, false)), meta } };
}

function fetchRevision(flow: StoredFlow, ref: string, pathname: string, ctx: RouteContext): EmulatorReply {
  let found;
  if (ref === 'LatestRevision') found = latestRevision(flow);
  else if (ref === 'LatestPublished') found = latestPublished(flow);
  else if (/^\d+$/.test(ref)) found = flow.revisions.find((r) => r.revision === Number(ref));
  else {
    throw new EmulatorHttpError({
      status: 400,
      code: ErrorCodes.badRevision,
      message: 'Flow revision must be an integer or enum(LatestPublished, LatestRevision)',
    });
  }
  if (!found) throw notFound(pathname);
  return { status: 200, body: revisionJson(flow, found, ctx.render, true) };
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === '') throw badParameter(`Missing required parameter ${name} in the post body`);
  return value;
}

function statusParam(form: URLSearchParams): EmulatedStatus {
  const status = required(form, 'Status');
  if (status !== 'draft' && status !== 'published') {
    throw badParameter(`Invalid Status "${status}": must be draft or published`);
  }
  return status;
}

function methodNotAllowed(req: EmulatorRequest): EmulatorHttpError {
  return new EmulatorHttpError({
    status: 405,
    code: ErrorCodes.methodNotAllowed,
    message: `Method ${req.method} not allowed on ${req.pathname}`,
  });
}
