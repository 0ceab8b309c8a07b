/**
 * Serverless v1 and TaskRouter v1 routes of the emulator (GET only, the subset the clients read) over the
 * account built from the seed. Pure request → reply; the server does HTTP, auth, faults and logging.
 */
import type { EmulatedAccount, EmulatedEnvironment, EmulatedService, EmulatedWorkspace } from './account-store.ts';
import { pageOf } from './paging.ts';
import { isoDate } from './representation.ts';
import type { EmulatorReply, EmulatorRequest } from './routes.ts';
import { EmulatorHttpError, ErrorCodes, notFound } from './twilio-error.ts';

export type EmulatedApi = 'studio' | 'serverless' | 'taskrouter';

/** Which API a path belongs to (the emulator serves all three under one base URL). */
export function apiOf(pathname: string): EmulatedApi {
  if (pathname === '/v1/Services' || pathname.startsWith('/v1/Services/')) return 'serverless';
  if (pathname === '/v1/Workspaces' || pathname.startsWith('/v1/Workspaces/')) return 'taskrouter';
  return 'studio';
}

export interface AccountRouteContext {
  account: EmulatedAccount;
  baseUrl: string;
  accountSid: string;
  /** The date every seeded resource was created and last updated. */
  created: Date;
}

type Json = Record<string, unknown>;

export function routeAccount(req: EmulatorRequest, ctx: AccountRouteContext): EmulatorReply {
  if (req.method !== 'GET')
    throw new EmulatorHttpError({
      status: 405,
      code: ErrorCodes.methodNotAllowed,
      message: `Method ${req.method} not allowed on ${req.pathname} (the emulator reads Serverless and TaskRouter only)`,
    });
  const [, top, sid, sub, child, ...rest] = req.pathname.split('/').filter(Boolean);
  if (rest.length > 0) throw notFound(req.pathname);
  if (top === 'Services') return serverless(req, ctx, { sid, sub, child });
  return taskrouter(req, ctx, { sid, sub, child });
}

interface Parts {
  sid: string | undefined;
  sub: string | undefined;
  child: string | undefined;
}

function serverless(req: EmulatorRequest, ctx: AccountRouteContext, parts: Parts): EmulatorReply {
  const list = `${ctx.baseUrl}/v1/Services`;
  if (parts.sid === undefined)
    return page(req, ctx.account.services, { listUrl: list, key: 'services' }, (s) => serviceJson(s, ctx));
  // Twilio takes a service's unique name in place of its SID.
  const service =
    ctx.account.services.find((s) => s.sid === parts.sid) ??
    ctx.account.services.find((s) => s.uniqueName === parts.sid);
  if (!service) throw notFound(req.pathname);
  if (parts.sub === 'Environments' && parts.child === undefined)
    return page(req, service.environments, { listUrl: `${list}/${parts.sid}/Environments`, key: 'environments' }, (e) =>
      environmentJson(service, e, ctx),
    );
  if (parts.sub === 'Builds' && parts.child !== undefined) {
    const env = service.environments.find((e) => e.build?.sid === parts.child);
    if (env?.build) return { status: 200, body: buildJson(service, env, ctx) };
  }
  throw notFound(req.pathname);
}

function taskrouter(req: EmulatorRequest, ctx: AccountRouteContext, parts: Parts): EmulatorReply {
  const list = `${ctx.baseUrl}/v1/Workspaces`;
  const named = <T extends { friendlyName: string }>(items: T[]): T[] => {
    const wanted = req.query.get('FriendlyName');
    return wanted === null ? items : items.filter((item) => item.friendlyName === wanted);
  };
  if (parts.sid === undefined)
    return page(req, named(ctx.account.workspaces), { listUrl: list, key: 'workspaces' }, (w) =>
      common(ctx, `${list}/${w.sid}`, { sid: w.sid, friendly_name: w.friendlyName, ...workspaceExtras(w, ctx) }),
    );
  const ws = ctx.account.workspaces.find((w) => w.sid === parts.sid);
  if (!ws || parts.child !== undefined) throw notFound(req.pathname);
  const base = `${list}/${ws.sid}`;
  if (parts.sub === 'Workflows')
    return page(req, named(ws.workflows), { listUrl: `${base}/Workflows`, key: 'workflows' }, (wf) =>
      common(ctx, `${base}/Workflows/${wf.sid}`, {
        sid: wf.sid,
        workspace_sid: ws.sid,
        friendly_name: wf.friendlyName,
        configuration: JSON.stringify({ task_routing: { filters: [], default_filter: { queue: null } } }),
        assignment_callback_url: null,
        fallback_assignment_callback_url: null,
        document_content_type: 'application/json',
        task_reservation_timeout: 120,
        links: { statistics: `${base}/Workflows/${wf.sid}/Statistics` },
      }),
    );
  if (parts.sub === 'TaskChannels')
    return page(req, ws.channels, { listUrl: `${base}/TaskChannels`, key: 'channels' }, (tc) =>
      common(ctx, `${base}/TaskChannels/${tc.sid}`, {
        sid: tc.sid,
        workspace_sid: ws.sid,
        unique_name: tc.uniqueName,
        friendly_name: tc.friendlyName,
        channel_optimized_routing: null,
        links: { workspace: base },
      }),
    );
  throw notFound(req.pathname);
}

function page<T extends { sid: string }>(
  req: EmulatorRequest,
  items: T[],
  where: { listUrl: string; key: string },
  render: (item: T) => Json,
): EmulatorReply {
  const { page: slice, meta } = pageOf(items, (item) => item.sid, { ...where, query: req.query });
  return { status: 200, body: { [where.key]: slice.map(render), meta } };
}

function common(ctx: AccountRouteContext, url: string, fields: Json): Json {
  return {
    account_sid: ctx.accountSid,
    ...fields,
    date_created: isoDate(ctx.created),
    date_updated: isoDate(ctx.created),
    url,
  };
}

function workspaceExtras(ws: EmulatedWorkspace, ctx: AccountRouteContext): Json {
  const base = `${ctx.baseUrl}/v1/Workspaces/${ws.sid}`;
  return {
    default_activity_name: 'Offline',
    default_activity_sid: null,
    event_callback_url: null,
    events_filter: null,
    multi_task_enabled: true,
    prioritize_queue_order: 'FIFO',
    timeout_activity_name: 'Offline',
    timeout_activity_sid: null,
    links: { workflows: `${base}/Workflows`, task_channels: `${base}/TaskChannels` },
  };
}

function serviceJson(service: EmulatedService, ctx: AccountRouteContext): Json {
  const url = `${ctx.baseUrl}/v1/Services/${service.sid}`;
  return common(ctx, url, {
    sid: service.sid,
    unique_name: service.uniqueName,
    friendly_name: service.friendlyName,
    include_credentials: true,
    ui_editable: false,
    domain_base: service.domainBase,
    links: { environments: `${url}/Environments`, functions: `${url}/Functions`, builds: `${url}/Builds` },
  });
}

function environmentJson(service: EmulatedService, env: EmulatedEnvironment, ctx: AccountRouteContext): Json {
  const url = `${ctx.baseUrl}/v1/Services/${service.sid}/Environments/${env.sid}`;
  return common(ctx, url, {
    sid: env.sid,
    service_sid: service.sid,
    build_sid: env.build?.sid ?? null,
    unique_name: env.uniqueName,
    domain_suffix: env.domainSuffix,
    domain_name: env.domainName,
    links: { variables: `${url}/Variables`, deployments: `${url}/Deployments`, logs: `${url}/Logs` },
  });
}

function buildJson(service: EmulatedService, env: EmulatedEnvironment, ctx: AccountRouteContext): Json {
  const build = env.build as NonNullable<EmulatedEnvironment['build']>;
  const url = `${ctx.baseUrl}/v1/Services/${service.sid}/Builds/${build.sid}`;
  return common(ctx, url, {
    sid: build.sid,
    service_sid: service.sid,
    status: 'completed',
    asset_versions: [],
    function_versions: build.versions.map((version) => ({
      sid: version.sid,
      account_sid: ctx.accountSid,
      service_sid: service.sid,
      function_sid: version.functionSid,
      date_created: isoDate(ctx.created),
      path: version.path,
      visibility: version.visibility,
    })),
    dependencies: [],
    runtime: 'node18',
    links: { build_status: `${url}/Status` },
  });
}
