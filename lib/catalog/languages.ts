import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { memo } from "./memo";

/** Languages that published events are offered in, most common first (for filter menus). */
export function listLanguages(): Promise<string[]> {
  return memo("languages", 300, async () => {
    const rows = await queryRows<{ language: string }>(
      db,
      sql`SELECT l AS language FROM events, unnest(languages) l WHERE status = 'PUBLISHED'
          GROUP BY l ORDER BY count(*) DESC, l LIMIT 30`,
    );
    return rows.map((r) => r.language);
  });
}
