import { NextResponse } from "next/server";
import { getOpenApiDocument } from "@/lib/api/contract/meta";
import { openApiDocument } from "@/lib/api/openapi";
import { route } from "@/lib/http/route";

// Public and the same for everyone until the next deploy: any cache may keep it a while.
export const GET = route(getOpenApiDocument, async () => NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
