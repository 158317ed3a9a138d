import { z } from "zod";
import { op } from "./op";

export const getOpenApiDocument = op({
  method: "GET",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This API's OpenAPI 3.1 document",
  description: "Generated from the same schemas the handlers validate with. The same for everyone; cache it (it changes only with a deploy).",
  tag: "Meta",
  // Every API route names one scope (API keys are refused elsewhere); no sign-in needed, and not counted.
  scope: "catalog:read",
  rateLimit: false,
  responses: {
    200: {
      description: "The OpenAPI 3.1 document.",
      schema: z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
      headers: { "Cache-Control": "public, max-age=300" },
    },
  },
});
