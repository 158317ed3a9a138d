// The OpenAPI 3.1 document, generated from the operations the route handlers validate with
// (lib/api/contract): nothing here is written by hand twice, so the document cannot say one
// thing while a handler checks another. zod 4 emits JSON Schema 2020-12, which 3.1 uses as is.
import { z } from "zod";
import { API_SCOPES } from "@/lib/auth/scopes";
import { COMMON_ERRORS, type Operation } from "@/lib/api/contract/op";
import { OPERATIONS, TAGS } from "@/lib/api/contract";
import { ErrorBody } from "@/lib/api/contract/shared";
import { errorStatus } from "@/lib/http/errors";
import { LIMITS } from "@/lib/ratelimit/policies";
import type { ErrorCode } from "@/lib/errors";
import { WEBHOOK_EVENTS, webhookPingSchema } from "@/lib/webhooks/events";

type Json = Record<string, unknown>;
type Webhook = { summary: string; description?: string; schema: z.ZodType };
export type OpenApiDocument = Json & { openapi: "3.1.0"; paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, Json> } & Json };
export type OpenApiOperation = Json & {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: { name: string; in: "path" | "query" | "header"; required: boolean; description?: string; schema: Json }[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; headers?: Json; content?: Record<string, { schema: Json }>; "x-error-codes"?: ErrorCode[] }>;
  security?: Record<string, string[]>[];
  "x-scopes": string[];
  "x-roles"?: string[];
  "x-rate-limit"?: string | false;
  /** The access and rate-limit sentence the description ends with (the docs page shows these as badges). */
  "x-access": string;
};

export const ERROR_REF = "#/components/schemas/Error";

/** How a partner key with bookings:write says whom it books for (see lib/auth/api-keys keyActor). */
const ON_BEHALF_OF = {
  "On-Behalf-Of": { description: "Partner API keys only: the email of the customer this call is for (their account is opened if new). The key reaches only the bookings, payments and waitlist places it made.", required: false },
};

/** Statuses' reason phrases for the error responses' descriptions. */
const REASON: Record<number, string> = {
  400: "Bad request",
  401: "Not signed in, or the credential is invalid",
  402: "Payment required",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  410: "Gone",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable",
  429: "Rate limited",
  500: "Internal error",
  503: "Service unavailable",
};

/**
 * Every error code an operation may answer with: its own, those every operation may, and those
 * route() itself implies. Any call may carry a partner API key, which route() always checks and
 * counts (i22-keys): so any operation may answer 401 (a bad token or key) and 429 (the key's
 * budget); 403 FORBIDDEN for roles, for a key on an operation for people only (no scope), and
 * for a cross-site state change riding on the session cookie (the origin check); 403
 * INSUFFICIENT_SCOPE for a key without the operation's scope; 404 for an unknown record in the
 * path; and a JSON body's failures (not JSON, too large, wrong content type).
 */
export function errorCodesOf(o: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>([...COMMON_ERRORS, "UNAUTHORIZED", ...(o.errors ?? [])]);
  if (o.roles || o.method !== "GET" || !o.scope) codes.add("FORBIDDEN");
  if (o.scope) codes.add("INSUFFICIENT_SCOPE");
  // A key booking for a customer names them (On-Behalf-Of); naming staff is refused, and the
  // account it opens for a new email may race another call opening it.
  if (o.scope === "bookings:write") for (const c of ["FORBIDDEN", "CONFLICT"] as const) codes.add(c);
  if (o.params) codes.add("NOT_FOUND");
  if (o.body) for (const c of ["INVALID_JSON", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"] as const) codes.add(c);
  return [...codes].sort();
}

/** JSON Schema for one zod schema; named sub-schemas (`.meta({ id })`) are hoisted into `components`. */
class SchemaEmitter {
  readonly components: Record<string, Json> = {};

  emit(schema: z.ZodType, io: "input" | "output"): Json {
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any", reused: "inline" }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    // An id converts differently as input (a default makes a field optional) and as output.
    const nameOf = (id: string) => (io === "input" ? `${id}Input` : id);
    const fix = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(fix);
      if (!node || typeof node !== "object") return node;
      const out: Json = {};
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) out[k] = `#/components/schemas/${nameOf(v.slice(8))}`;
        else out[k] = fix(v);
      }
      return out;
    };
    for (const [id, def] of Object.entries(defs)) this.components[nameOf(id)] = fix(def) as Json;
    return fix(json) as Json;
  }
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query", emitter: SchemaEmitter) {
  if (!schema) return [];
  const json = emitter.emit(schema, "input");
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === "path" || required.has(name), ...(description ? { description: String(description) } : {}), schema: rest };
  });
}

function describeAccess(o: Operation): string {
  const who = o.roles
    ? `Roles: ${o.roles.join(", ")}.`
    : o.auth === "required"
      ? "Requires a signed-in user (login token or session)."
      : o.auth === "optional"
        ? "Works signed out; answers more when signed in."
        : "Public: no sign-in needed.";
  const key = o.scope ? `Partner API keys need the \`${o.scope}\` scope.` : "Partner API keys are refused: a person signs in.";
  return `${who} ${key}`;
}

function operationOf(o: Operation, emitter: SchemaEmitter): OpenApiOperation {
  const parameters = [
    ...parametersOf(o.params, "path", emitter),
    ...parametersOf(o.query, "query", emitter),
    ...Object.entries({ ...(o.scope === "bookings:write" ? ON_BEHALF_OF : {}), ...o.headers }).map(([name, h]) => ({
      name,
      in: "header" as const,
      required: Boolean(h.required),
      description: h.description,
      schema: { type: "string" },
    })),
  ];
  const responses: OpenApiOperation["responses"] = {};
  for (const [status, r] of Object.entries(o.responses)) {
    if (!r) continue;
    responses[status] = {
      description: r.description,
      ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([n, d]) => [n, { description: d, schema: { type: "string" } }])) } : {}),
      ...(r.schema || r.alternatives
        ? {
            content: {
              ...(r.schema ? { [r.contentType ?? "application/json"]: { schema: emitter.emit(r.schema, "output") } } : {}),
              ...Object.fromEntries((r.alternatives ?? []).map((a) => [a.contentType, { schema: { type: "string", ...(a.description ? { description: a.description } : {}) } }])),
            },
          }
        : {}),
    };
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(o)) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `${REASON[status] ?? "Error"}: ${codes.join(", ")}`,
      "x-error-codes": codes,
      content: {
        "application/json": {
          schema: { allOf: [{ $ref: ERROR_REF }, { type: "object", properties: { error: { type: "object", properties: { code: { type: "string", enum: codes } } } } }] },
        },
      },
    };
  }
  const signedIn = o.auth === "required" || Boolean(o.roles);
  const security: Record<string, string[]>[] = [];
  if (!signedIn) security.push({});
  security.push({ bearerAuth: o.scope ? [o.scope] : [] }, { sessionCookie: [] });
  const policy = o.rateLimit === undefined ? "api" : o.rateLimit;
  const limit = policy ? LIMITS[policy] : undefined;
  const notes = [
    describeAccess(o),
    limit ? `Rate limit: ${limit.limit} requests per ${limit.window} (policy \`${policy}\`).` : o.errors?.includes("RATE_LIMITED") ? "Rate limited by its own key (see above)." : "Not rate limited.",
  ];
  return {
    operationId: o.operationId,
    summary: o.summary,
    description: [o.description, notes.join(" ")].filter(Boolean).join("\n\n"),
    "x-access": notes.join(" "),
    tags: [o.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(o.body ? { requestBody: { required: true, content: { "application/json": { schema: emitter.emit(o.body, "input") } } } } : {}),
    responses,
    security,
    "x-scopes": o.scope ? [o.scope] : [],
    ...(o.roles ? { "x-roles": [...o.roles] } : {}),
    "x-rate-limit": policy,
  };
}

/** The OpenAPI 3.1 document for every registered operation (and the webhooks, when given). */
export function buildOpenApiDocument(opts: { webhooks?: Record<string, Webhook>; operations?: readonly Operation[] } = {}): OpenApiDocument {
  const emitter = new SchemaEmitter();
  const operations = opts.operations ?? OPERATIONS;
  const paths: OpenApiDocument["paths"] = {};
  for (const o of operations) (paths[o.path] ??= {})[o.method.toLowerCase()] = operationOf(o, emitter);
  const webhooks = opts.webhooks
    ? Object.fromEntries(
        Object.entries(opts.webhooks).map(([name, w]) => [
          name,
          {
            post: {
              operationId: `webhook_${name.replace(/[^A-Za-z0-9]+/g, "_")}`,
              summary: w.summary,
              ...(w.description ? { description: w.description } : {}),
              requestBody: { required: true, content: { "application/json": { schema: emitter.emit(w.schema, "output") } } },
              responses: { "2XX": { description: "Any 2xx acknowledges the delivery; anything else is retried with backoff." } },
            },
          },
        ]),
      )
    : undefined;
  emitter.emit(ErrorBody, "output"); // every error response refers to it
  const usedTags = new Set(operations.map((o) => o.tag));
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Marquee API",
      version: "1.0.0",
      summary: "Browse events and shows, hold seats, pay and check in.",
      description:
        "The JSON API that Marquee's mobile and partner apps use. Every error answers `{error: {code, message, details?}}`; branch on `code`. See /developers for the guide.",
    },
    servers: [{ url: "/api/v1", description: "This server" }],
    tags: TAGS.filter((t) => usedTags.has(t.name)),
    paths,
    ...(webhooks ? { webhooks } : {}),
    components: {
      schemas: emitter.components,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: `A login token from POST /users/login, or a partner API key (\`mqk_…\`). Keys carry scopes: ${Object.entries(API_SCOPES)
            .map(([s, d]) => `\`${s}\` (${d})`)
            .join("; ")}`,
        },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The browser's Auth.js session (state-changing requests must come from our own origin)." },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;
/** The outbound events a partner endpoint can receive, with the test event its page sends. */
const WEBHOOKS: Record<string, Webhook> = {
  ...WEBHOOK_EVENTS,
  ping: {
    summary: "A test event",
    description: "Sent by \"Send test event\" on the endpoint's page, whatever the endpoint subscribes to.",
    schema: webhookPingSchema,
  },
};

/** Built once per process: the operations and events are fixed at build time. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument({ webhooks: WEBHOOKS }));
}
