import { z } from "zod";
import { showIdParams } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";
import { instant } from "@/lib/http/validation";
import { endWaitingRoom, removeOnSale, roomStats, setOnSale } from "@/lib/admin/on-sale";
import { waitlistOfShow } from "@/lib/waitlist/admin";

const staff = ["staff", "admin"] as const;

/**
 * The show's on-sale and waiting room (settings, phase, line length, places through, time to
 * clear) and its waitlist (entries by status, the line in order: at most 500).
 */
export const GET = route({ scope: "venue:manage", roles: staff, params: showIdParams }, async ({ user, params }) => {
  const onSale = await roomStats(user, params.showId); // 404 outside the caller's venues
  const waitlist = await waitlistOfShow(params.showId);
  return { onSale, waitlist: { counts: waitlist.counts, entries: waitlist.rows } };
});

const body = z.object({
  onSaleAt: instant(),
  waitingRoom: z.boolean().default(false),
  admitPerMinute: z.number().int("must be a whole number").min(1, "at least 1 a minute").max(100_000, "at most 100,000 a minute").default(200),
  paused: z.boolean().default(false),
});

/** Sets the on-sale time and waiting room (saving reopens a room that was ended or sold out). */
export const PUT = route({ scope: "venue:manage", roles: staff, params: showIdParams, body }, async ({ user, params, body }) => {
  await setOnSale(user, params.showId, body);
  return { onSale: await roomStats(user, params.showId) };
});

/** `?end=room` ends the waiting room (everyone may buy from now on); without it the on-sale is removed. */
export const DELETE = route({ scope: "venue:manage", roles: staff, params: showIdParams, query: z.object({ end: z.enum(["room"]).optional() }) }, async ({ user, params, query }) => {
  if (query.end === "room") await endWaitingRoom(user, params.showId);
  else await removeOnSale(user, params.showId);
  return { onSale: await roomStats(user, params.showId) };
});
