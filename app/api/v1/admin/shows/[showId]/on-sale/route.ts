import { route } from "@/lib/http/route";
import * as admin from "@/lib/api/contract/admin";
import { endWaitingRoom, removeOnSale, roomStats, setOnSale } from "@/lib/admin/on-sale";
import { waitlistOfShow } from "@/lib/waitlist/admin";

/**
 * The show's on-sale and waiting room (settings, phase, line length, places through, time to
 * clear) and its waitlist (entries by status, the line in order: at most 500).
 */
export const GET = route(admin.getOnSale, async ({ user, params }) => {
  const onSale = await roomStats(user, params.showId); // 404 outside the caller's venues
  const waitlist = await waitlistOfShow(params.showId);
  return { onSale, waitlist: { counts: waitlist.counts, entries: waitlist.rows } };
});

/** Sets the on-sale time and waiting room (saving reopens a room that was ended or sold out). */
export const PUT = route(admin.setOnSale, async ({ user, params, body }) => {
  await setOnSale(user, params.showId, body);
  return { onSale: await roomStats(user, params.showId) };
});

/** `?end=room` ends the waiting room (everyone may buy from now on); without it the on-sale is removed. */
export const DELETE = route(admin.deleteOnSale, async ({ user, params, query }) => {
  if (query.end === "room") await endWaitingRoom(user, params.showId);
  else await removeOnSale(user, params.showId);
  return { onSale: await roomStats(user, params.showId) };
});
