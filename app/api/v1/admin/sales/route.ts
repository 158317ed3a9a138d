import { z } from "zod";
import { salesCsv, showSales } from "@/lib/admin/sales";
import { zoneFill } from "@/lib/admin/show-zones";
import { route } from "@/lib/http/route";
import { instant } from "@/lib/http/validation";

const query = z.object({
  showId: z.uuid().optional(),
  eventId: z.uuid().optional(),
  from: instant().optional(),
  to: instant().optional(),
  venueId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  when: z.enum(["upcoming", "past", "all"]).default("all"),
  format: z.enum(["json", "csv"]).default("json"),
});

/** Sales per show (staff: their venues; admins: all), as JSON or CSV; for one show, its zones' fill too. */
export const GET = route({ scope: "venue:manage", roles: ["staff", "admin"], query }, async ({ user, query }) => {
  const rows = await showSales(user, { ...query, limit: 1000 });
  if (query.format === "csv") {
    return new Response(salesCsv(rows), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="marquee-sales.csv"', "cache-control": "private, no-store" } });
  }
  if (query.showId && rows.length) return { items: rows, zones: await zoneFill(user, query.showId) };
  return { items: rows };
});
