import { readFile } from "node:fs/promises";
import path from "node:path";
import { posterDir } from "@/lib/admin/events";

const TYPES: Record<string, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" };

/** Uploaded posters. Names carry a content hash, so they are cached for a year. */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = /^[0-9a-f-]{36}-[0-9a-f]{16}\.(jpg|png|webp)$/.exec(file);
  if (!match) return new Response("Not found", { status: 404 });
  try {
    const body = await readFile(path.join(posterDir(), file));
    return new Response(new Uint8Array(body), {
      headers: { "content-type": TYPES[match[1]!]!, "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" },
    });
  } catch {
    return new Response("Not found", { status: 404 });
  }
}
