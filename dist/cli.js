#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  StudioClient,
  UserError,
  lintDefinition,
  messageOf,
  readRunContext,
  readSettings,
  renderCheckReport,
  runCheckMode
} from "./chunks/chunk-XC7CVCLR.js";

// src/cli.ts
import { parseArgs as parseArgs2 } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";

// src/emulator/cli.ts
import { parseArgs } from "node:util";

// src/emulator/seed.ts
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";

// src/emulator/twilio-error.ts
var EmulatorHttpError = class extends Error {
  status;
  code;
  details;
  constructor(init) {
    super(init.message);
    this.name = "EmulatorHttpError";
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
  }
};
var ErrorCodes = {
  /** Invalid or missing parameter. */
  invalidParameter: 20001,
  authenticate: 20003,
  notFound: 20404,
  methodNotAllowed: 20004,
  badRevision: 81021,
  invalidDefinition: 81022,
  internal: 20500
};
function errorBody(error) {
  const body = {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status
  };
  if (error.details !== void 0) body.details = error.details;
  return body;
}
function notFound(path2) {
  return new EmulatorHttpError({ status: 404, code: ErrorCodes.notFound, message: `The requested resource ${path2} was not found` });
}
function badParameter(message) {
  return new EmulatorHttpError({ status: 400, code: ErrorCodes.invalidParameter, message });
}

// src/emulator/definition-check.ts
function parseDefinitionParam(raw) {
  try {
    return JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badParameter(`Invalid Definition: it must be the flow definition as a JSON string (${reason})`);
  }
}
function judgeDefinition(definition, lint) {
  const issues = lint(definition);
  const toEntry = (issue) => ({ message: issue.message, property_path: `#${issue.pointer}` });
  const errors = issues.filter((issue) => issue.severity === "error").map(toEntry);
  const warnings = issues.filter((issue) => issue.severity === "warning").map(toEntry);
  return { valid: errors.length === 0, errors, warnings };
}
function requireValidDefinition(definition, lint) {
  const verdict = judgeDefinition(definition, lint);
  if (!verdict.valid) {
    throw new EmulatorHttpError({
      status: 400,
      code: ErrorCodes.invalidDefinition,
      message: "Flow definition validation failed",
      details: { errors: verdict.errors }
    });
  }
  return verdict;
}

// src/emulator/seed.ts
async function loadSeedFolder(folder) {
  const names = (await readdir(folder)).filter((name) => name.toLowerCase().endsWith(".json")).sort();
  const seeds = [];
  for (const name of names) {
    const path2 = join(folder, name);
    let value;
    try {
      value = JSON.parse(await readFile(path2, "utf8"));
    } catch (error) {
      throw new Error(`Cannot seed the emulator from ${path2}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error
      });
    }
    seeds.push(toSeed(value, basename(name, name.slice(name.lastIndexOf(".")))));
  }
  return seeds;
}
function toSeed(value, fileStem) {
  const record = value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  const wrapped = record !== null && record.definition !== null && typeof record.definition === "object";
  if (!wrapped || !record) return { friendlyName: fileStem, definition: value };
  const seed = {
    friendlyName: typeof record.friendly_name === "string" && record.friendly_name !== "" ? record.friendly_name : fileStem,
    definition: record.definition
  };
  if (typeof record.sid === "string") seed.sid = record.sid;
  if (record.status === "draft" || record.status === "published") seed.status = record.status;
  if (typeof record.commit_message === "string") seed.commitMessage = record.commit_message;
  return seed;
}
function seedStore(store, seeds, lint) {
  return seeds.map((seed) => {
    if (seed.sid !== void 0 && !/^FW[0-9a-fA-F]{32}$/.test(seed.sid)) {
      throw new Error(`Seed flow "${seed.friendlyName}" has sid "${seed.sid}"; a flow sid is FW followed by 32 hex digits`);
    }
    return store.create(
      {
        friendlyName: seed.friendlyName,
        definition: seed.definition,
        status: seed.status ?? "published",
        commitMessage: seed.commitMessage ?? null,
        ...judgeDefinition(seed.definition, lint)
      },
      seed.sid
    );
  });
}

// src/emulator/server.ts
import { createServer } from "node:http";

// src/emulator/auth.ts
import { timingSafeEqual } from "node:crypto";
function checkAuthorization(header, credentials) {
  const pair = decodeBasic(header);
  if (pair && isAccepted(pair.username, pair.password, credentials)) return;
  throw new EmulatorHttpError({ status: 401, code: ErrorCodes.authenticate, message: "Authenticate" });
}
function isAccepted(username, password, credentials) {
  if (username === credentials.accountSid) return same(password, credentials.authToken);
  const key = credentials.apiKeys?.find((candidate) => candidate.sid === username);
  return key !== void 0 && same(password, key.secret);
}
function decodeBasic(header) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
function same(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// src/emulator/paging.ts
var DEFAULT_PAGE_SIZE = 50;
var MAX_PAGE_SIZE = 1e3;
function pageOf(items, idOf, req) {
  const pageSize = intParam(req.query, "PageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const pageNumber = intParam(req.query, "Page", 0, 0, Number.MAX_SAFE_INTEGER);
  const token = req.query.get("PageToken");
  const start = startIndex(items.map(idOf), token, pageNumber * pageSize, pageSize);
  const page = items.slice(start, start + pageSize);
  const pageUrl = (number, pageToken) => {
    const query = new URLSearchParams({ PageSize: String(pageSize), Page: String(number) });
    if (pageToken) query.set("PageToken", pageToken);
    return `${req.listUrl}?${query.toString()}`;
  };
  const first = page[0];
  const last = page.at(-1);
  const hasNext = start + pageSize < items.length && last !== void 0;
  const hasPrevious = start > 0 && pageNumber > 0 && first !== void 0;
  return {
    page,
    meta: {
      page: pageNumber,
      page_size: pageSize,
      first_page_url: pageUrl(0),
      previous_page_url: hasPrevious ? pageUrl(pageNumber - 1, `PB${idOf(first)}`) : null,
      url: pageUrl(pageNumber, token ?? void 0),
      next_page_url: hasNext ? pageUrl(pageNumber + 1, `PA${idOf(last)}`) : null,
      key: req.key
    }
  };
}
function startIndex(ids, token, fallback, pageSize) {
  if (token && token.length > 2) {
    const index = ids.indexOf(token.slice(2));
    if (index >= 0 && token.startsWith("PA")) return index + 1;
    if (index >= 0 && token.startsWith("PB")) return Math.max(0, index - pageSize);
  }
  return fallback;
}
function intParam(query, name, fallback, min, max) {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw badParameter(`Invalid ${name}: must be an integer from ${min} to ${max}`);
  }
  return value;
}

// src/emulator/store.ts
import { randomBytes } from "node:crypto";
function createFlowStore(options) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const flows = /* @__PURE__ */ new Map();
  return {
    accountSid: options.accountSid,
    flows,
    create(input, sid) {
      const id = sid ?? newSid("FW");
      if (flows.has(id)) throw new Error(`Flow ${id} already exists in the emulator store`);
      const at = now();
      const flow = { sid: id, dateCreated: at, revisions: [{ ...input, revision: 1, dateCreated: at }] };
      flows.set(id, flow);
      return flow;
    },
    update(sid, input) {
      const flow = flows.get(sid);
      if (!flow) return void 0;
      flow.revisions.push({ ...input, revision: flow.revisions.length + 1, dateCreated: now() });
      return flow;
    },
    remove: (sid) => flows.delete(sid),
    get: (sid) => flows.get(sid),
    list: () => [...flows.values()]
  };
}
function latestRevision(flow) {
  const last = flow.revisions.at(-1);
  if (!last) throw new Error(`Flow ${flow.sid} has no revisions`);
  return last;
}
function latestPublished(flow) {
  return flow.revisions.findLast((revision) => revision.status === "published");
}
function newSid(prefix) {
  return prefix + randomBytes(16).toString("hex");
}

// src/emulator/representation.ts
function flowJson(flow, ctx, withDefinition) {
  const latest = latestRevision(flow);
  const url = `${ctx.baseUrl}/v2/Flows/${flow.sid}`;
  return {
    sid: flow.sid,
    account_sid: ctx.accountSid,
    friendly_name: latest.friendlyName,
    definition: withDefinition ? latest.definition : null,
    status: latest.status,
    revision: latest.revision,
    commit_message: latest.commitMessage,
    valid: latest.valid,
    errors: latest.errors,
    warnings: latest.warnings,
    date_created: isoDate(flow.dateCreated),
    date_updated: isoDate(latest.dateCreated),
    webhook_url: `${ctx.baseUrl}/v1/Accounts/${ctx.accountSid}/Flows/${flow.sid}`,
    url,
    links: {
      test_users: `${url}/TestUsers`,
      revisions: `${url}/Revisions`,
      executions: `${url}/Executions`
    }
  };
}
function revisionJson(flow, revision, ctx, withDefinition) {
  return {
    sid: flow.sid,
    account_sid: ctx.accountSid,
    friendly_name: revision.friendlyName,
    definition: withDefinition ? revision.definition : null,
    status: revision.status,
    revision: revision.revision,
    commit_message: revision.commitMessage,
    valid: revision.valid,
    errors: revision.errors,
    date_created: isoDate(flow.dateCreated),
    date_updated: isoDate(revision.dateCreated),
    url: `${ctx.baseUrl}/v2/Flows/${flow.sid}/Revisions/${revision.revision}`
  };
}
function isoDate(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// src/emulator/routes.ts
var FLOW_SID = /^FW[0-9a-fA-F]{32}$/;
function route(req, ctx) {
  const parts = req.pathname.split("/").filter(Boolean);
  if (parts[0] !== "v2" || parts[1] !== "Flows") throw notFound(req.pathname);
  const [, , sidOrAction, sub, revision, ...rest] = parts;
  if (rest.length > 0) throw notFound(req.pathname);
  if (sidOrAction === void 0) {
    if (req.method === "GET") return listFlows(req, ctx);
    if (req.method === "POST") return createFlow(req, ctx);
    throw methodNotAllowed(req);
  }
  if (sidOrAction === "Validate" && sub === void 0) {
    if (req.method === "POST") return validateFlow(req, ctx);
    throw methodNotAllowed(req);
  }
  const flow = FLOW_SID.test(sidOrAction) ? ctx.store.get(sidOrAction) : void 0;
  if (!flow || sub !== void 0 && sub !== "Revisions") throw notFound(req.pathname);
  if (sub === void 0) {
    if (req.method === "GET") return { status: 200, body: flowJson(flow, ctx.render, true) };
    if (req.method === "POST") return updateFlow(flow, req, ctx);
    if (req.method === "DELETE") {
      ctx.store.remove(flow.sid);
      return { status: 204 };
    }
    throw methodNotAllowed(req);
  }
  if (req.method !== "GET") throw methodNotAllowed(req);
  if (revision === void 0) return listRevisions(flow, req, ctx);
  return fetchRevision(flow, revision, req.pathname, ctx);
}
function listFlows(req, ctx) {
  const listUrl = `${ctx.render.baseUrl}/v2/Flows`;
  const { page, meta } = pageOf(ctx.store.list(), (flow) => flow.sid, { listUrl, query: req.query, key: "flows" });
  return { status: 200, body: { flows: page.map((flow) => flowJson(flow, ctx.render, false)), meta } };
}
function createFlow(req, ctx) {
  const friendlyName = required(req.form, "FriendlyName");
  const status = statusParam(req.form);
  const definition = parseDefinitionParam(required(req.form, "Definition"));
  const verdict = requireValidDefinition(definition, ctx.lint);
  const flow = ctx.store.create({ friendlyName, definition, status, commitMessage: req.form.get("CommitMessage"), ...verdict });
  return { status: 201, body: flowJson(flow, ctx.render, true) };
}
function updateFlow(flow, req, ctx) {
  const status = statusParam(req.form);
  const latest = latestRevision(flow);
  const rawDefinition = req.form.get("Definition");
  const definition = rawDefinition === null ? latest.definition : parseDefinitionParam(rawDefinition);
  const verdict = rawDefinition === null ? judgeDefinition(definition, ctx.lint) : requireValidDefinition(definition, ctx.lint);
  const friendlyName = req.form.get("FriendlyName");
  if (friendlyName === "") throw badParameter("Invalid FriendlyName: must not be empty");
  const updated = ctx.store.update(flow.sid, {
    friendlyName: friendlyName ?? latest.friendlyName,
    definition,
    status,
    commitMessage: req.form.get("CommitMessage"),
    ...verdict
  });
  if (!updated) throw notFound(req.pathname);
  return { status: 200, body: flowJson(updated, ctx.render, true) };
}
function validateFlow(req, ctx) {
  required(req.form, "FriendlyName");
  statusParam(req.form);
  requireValidDefinition(parseDefinitionParam(required(req.form, "Definition")), ctx.lint);
  return { status: 200, body: { valid: true } };
}
function listRevisions(flow, req, ctx) {
  const listUrl = `${ctx.render.baseUrl}/v2/Flows/${flow.sid}/Revisions`;
  const newestFirst = [...flow.revisions].reverse();
  const { page, meta } = pageOf(newestFirst, (r) => String(r.revision), { listUrl, query: req.query, key: "revisions" });
  return { status: 200, body: { revisions: page.map((r) => revisionJson(flow, r, ctx.render, false)), meta } };
}
function fetchRevision(flow, ref, pathname, ctx) {
  let found;
  if (ref === "LatestRevision") found = latestRevision(flow);
  else if (ref === "LatestPublished") found = latestPublished(flow);
  else if (/^\d+$/.test(ref)) found = flow.revisions.find((r) => r.revision === Number(ref));
  else {
    throw new EmulatorHttpError({
      status: 400,
      code: ErrorCodes.badRevision,
      message: "Flow revision must be an integer or enum(LatestPublished, LatestRevision)"
    });
  }
  if (!found) throw notFound(pathname);
  return { status: 200, body: revisionJson(flow, found, ctx.render, true) };
}
function required(form, name) {
  const value = form.get(name);
  if (value === null || value === "") throw badParameter(`Missing required parameter ${name} in the post body`);
  return value;
}
function statusParam(form) {
  const status = required(form, "Status");
  if (status !== "draft" && status !== "published") {
    throw badParameter(`Invalid Status "${status}": must be draft or published`);
  }
  return status;
}
function methodNotAllowed(req) {
  return new EmulatorHttpError({ status: 405, code: ErrorCodes.methodNotAllowed, message: `Method ${req.method} not allowed on ${req.pathname}` });
}

// src/emulator/server.ts
var MAX_READ_BYTES = 8 * 1024 * 1024;
async function startEmulator(options) {
  const host = options.host ?? "127.0.0.1";
  const lint = options.lint ?? lintDefinition;
  const store = createFlowStore({ accountSid: options.credentials.accountSid, now: options.now });
  seedStore(store, options.seed ?? [], lint);
  const requests = [];
  const render = { baseUrl: "", accountSid: options.credentials.accountSid };
  const self = { fault: void 0 };
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500).end();
      process.stderr.write(`studio emulator: unhandled error: ${error instanceof Error ? error.stack ?? error.message : String(error)}
`);
    });
  });
  async function handle(req, res) {
    const url2 = new URL(req.url ?? "/", "http://emulator.invalid");
    const entry = { method: req.method ?? "GET", path: url2.pathname, query: Object.fromEntries(url2.searchParams), params: {}, status: 0 };
    requests.push(entry);
    let status;
    let body;
    try {
      const form = new URLSearchParams(await readBody(req));
      entry.params = Object.fromEntries(form);
      checkAuthorization(req.headers.authorization, options.credentials);
      const injected = self.fault?.(entry);
      if (injected) throw new EmulatorHttpError(injected);
      ({ status, body } = route({ method: entry.method, pathname: url2.pathname, query: url2.searchParams, form }, { store, render, lint }));
    } catch (error) {
      const known = error instanceof EmulatorHttpError ? error : internalError(error);
      status = known.status;
      body = errorBody(known);
      if (status === 401) res.setHeader("www-authenticate", 'Basic realm="Twilio API"');
    }
    entry.status = status;
    if (body === void 0) {
      res.writeHead(status).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) }).end(text);
  }
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address();
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  render.baseUrl = url;
  Object.assign(self, {
    url,
    port,
    store,
    requests,
    close: () => new Promise((resolve, reject) => {
      server.close((error) => error ? reject(error) : resolve());
      server.closeAllConnections();
    })
  });
  return self;
}
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_READ_BYTES) {
      throw new EmulatorHttpError({ status: 413, code: ErrorCodes.invalidParameter, message: "Request body too large" });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
function internalError(error) {
  const reason = error instanceof Error ? error.message : String(error);
  return new EmulatorHttpError({ status: 500, code: ErrorCodes.internal, message: `Emulator error: ${reason}` });
}

// src/emulator/cli.ts
var DEMO_ACCOUNT_SID = "AC00000000000000000000000000000000";
var DEMO_AUTH_TOKEN = "emulator-demo-auth-token";
var EMULATOR_USAGE = `Usage: studio-emulator [options]

Runs a local Twilio Studio v2 API emulator (flows, revisions, validate).

Options:
  --port <n>           port to listen on (default 0: any free port)
  --host <addr>        address to bind (default 127.0.0.1)
  --seed <folder>      preload every *.json flow file in <folder>
  --account-sid <sid>  account SID to accept (default ${DEMO_ACCOUNT_SID})
  --auth-token <tok>   auth token to accept (default ${DEMO_AUTH_TOKEN})
  --help               print this help`;
async function runEmulatorCli(argv, io = { log: (line) => console.log(line) }) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      "account-sid": { type: "string" },
      "auth-token": { type: "string" },
      help: { type: "boolean" }
    }
  });
  if (values.help) {
    io.log(EMULATOR_USAGE);
    return null;
  }
  const port = values.port === void 0 ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  const accountSid = values["account-sid"] ?? DEMO_ACCOUNT_SID;
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new Error(`--account-sid must be AC followed by 32 hex digits, got "${accountSid}"`);
  }
  const authToken = values["auth-token"] ?? DEMO_AUTH_TOKEN;
  const seed = values.seed === void 0 ? [] : await loadSeedFolder(values.seed);
  const handle = await startEmulator({ port, host: values.host ?? "127.0.0.1", credentials: { accountSid, authToken }, seed });
  io.log(`Twilio Studio v2 emulator listening on ${handle.url}`);
  io.log(`  account SID: ${accountSid}`);
  io.log(`  auth token:  ${authToken}`);
  if (seed.length > 0) io.log(`  seeded ${seed.length} flow(s) from ${values.seed}`);
  return handle;
}

// src/cli-io.ts
function terminalIO(verbose) {
  const err = (line) => process.stderr.write(`${line}
`);
  return {
    info: (m) => verbose && err(m),
    warning: (m) => err(`warning: ${m}`),
    annotate: (a) => {
      const at = [a.file, a.line, a.column].filter((x) => x !== void 0).join(":");
      err(`${at}: ${a.level}: ${a.message.replace(/\n/g, "\n    ")}`);
    },
    setOutput: () => {
    },
    summary: async () => {
    },
    group: (_name, fn) => fn()
  };
}

// src/cli.ts
var USAGE = `Usage: studio-flow-ci <command> [options]

Commands:
  check      lint every flow file, then validate it with Twilio Studio (offline without credentials)
  lint       the offline lint only; needs no credentials
  demo       check the example flows against the built-in emulator and print the PR comment
  emulator   run the built-in Studio v2 API emulator (see: studio-flow-ci emulator --help)

Options for check and lint:
  --flows <globs>       flow files, comma-separated (default flows/**/*.json)
  --workspace <dir>     folder the globs are relative to (default .)
  --studio-url <url>    Studio API base URL (default https://studio.twilio.com)
  --emulator            validate against a built-in emulator started for this run
  --emulator-seed <dir> preload that emulator with the flow files in <dir> (the "live" flows)
  --markdown            print the Markdown comment the pull request would get
  --fail-on <level>     error | warning | never (default error)
  --config <file>       config file (default .github/studio-flow-ci.yml)
  --environment <name>  environment of the config file whose SIDs, names and variables apply

Credentials come from TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and TWILIO_API_SECRET.`;
var ENV_FOR = {
  "twilio-account-sid": "TWILIO_ACCOUNT_SID",
  "twilio-auth-token": "TWILIO_AUTH_TOKEN",
  "twilio-api-key": "TWILIO_API_KEY",
  "twilio-api-secret": "TWILIO_API_SECRET"
};
async function check(argv, offline) {
  const { values } = parseArgs2({
    args: argv,
    options: {
      flows: { type: "string" },
      workspace: { type: "string" },
      "studio-url": { type: "string" },
      emulator: { type: "boolean" },
      "emulator-seed": { type: "string" },
      markdown: { type: "boolean" },
      "fail-on": { type: "string" },
      config: { type: "string" },
      environment: { type: "string" }
    }
  });
  let emulator;
  if (values.emulator && !offline) {
    const seed = values["emulator-seed"] ? await loadSeedFolder(path.resolve(values["emulator-seed"])) : [];
    emulator = await startEmulator({ credentials: { accountSid: DEMO_ACCOUNT_SID, authToken: DEMO_AUTH_TOKEN }, seed });
  }
  const flags = {
    flows: values.flows,
    "studio-url": emulator?.url ?? values["studio-url"],
    "fail-on": values["fail-on"],
    config: values.config,
    environment: values.environment,
    mode: "check"
  };
  const demoCreds = { "twilio-account-sid": DEMO_ACCOUNT_SID, "twilio-auth-token": DEMO_AUTH_TOKEN };
  const read = (name) => {
    if (name in ENV_FOR) return offline ? "" : emulator ? demoCreds[name] ?? "" : process.env[ENV_FOR[name]] ?? "";
    return flags[name] ?? "";
  };
  const settings = readSettings(read, () => {
  });
  const studio = settings.credentials ? new StudioClient({ baseUrl: settings.studioUrl, username: settings.credentials.username, password: settings.credentials.password }) : void 0;
  const workspace = path.resolve(values.workspace ?? ".");
  const run = { ...readRunContext({}), workspace, eventName: "cli" };
  try {
    const outcome = await runCheckMode({ settings, run, gh: void 0, studio, io: terminalIO(!values.markdown) });
    if (values.markdown) process.stdout.write(`${renderCheckReport(outcome.report)}
`);
    if (outcome.failure) process.stderr.write(`
${outcome.failure}
`);
    return outcome.failed ? 1 : 0;
  } finally {
    await studio?.close();
    await emulator?.close();
  }
}
function packageRoot() {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
}
async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "check":
      return check(rest, false);
    case "lint":
      return check(rest, true);
    case "demo":
      return check(
        ["--emulator", "--emulator-seed", path.join(packageRoot(), "examples/live"), "--markdown", "--fail-on", "never", "--workspace", packageRoot(), "--flows", "examples/*.json", ...rest],
        false
      );
    case "emulator": {
      const handle = await runEmulatorCli(rest);
      if (handle) await new Promise(() => {
      });
      return 0;
    }
    case void 0:
    case "help":
    case "--help":
      process.stdout.write(`${USAGE}
`);
      return command === void 0 ? 2 : 0;
    default:
      process.stderr.write(`Unknown command '${command}'.

${USAGE}
`);
      return 2;
  }
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    const usage = error instanceof UserError || error.code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(`studio-flow-ci: ${messageOf(error)}
`);
    process.exit(usage ? 2 : 3);
  }
);
export {
  main
};
