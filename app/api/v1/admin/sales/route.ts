import { salesCsv, showSales } from "@/lib/admin/sales";
import { zoneFill } from "@/lib/admin/show-zones";
import { route } from "@/lib/http/route";
import * as admin from "@/lib/api/contract/admin";

/** Sales per show (staff: their venues; admins: all), as JSON or CSV; for one show, its zones' fill too. */
export const GET = route(admin.listSales, async ({ user, query }) => {
  const rows = await showSales(user, { ...query, limit: 1000 });
  if (query.format === "csv") {
    return new Response(salesCsv(rows), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="marquee-sales.csv"', "cache-control": "private, no-store" } });
  }
  if (query.showId && rows.length) return { items: rows, zones: await zoneFill(user, query.showId) };
  return { items: rows };
});
