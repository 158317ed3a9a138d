import { z } from "zod";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { cancelConfirmedBooking } from "@/lib/booking/cancel";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";
import { holdJson } from "@/lib/seating/api";
import { getHold, releaseHold } from "@/lib/seating/holds";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** Releases a hold, or cancels a confirmed booking and refunds it under the show's policy. */
export const POST = route({ auth: "required", params }, async ({ user, params }) => {
  const [b] = await queryRows<{ status: string }>(db, sql`SELECT status FROM bookings WHERE id = ${params.bookingId}::uuid AND user_id = ${user.id}::uuid`);
  if (!b) throw notFound("Booking");
  if (b.status === "CONFIRMED") {
    await cancelConfirmedBooking(params.bookingId, { userId: user.id });
    return { booking: holdJson(await getHold(user.id, params.bookingId)) };
  }
  return { booking: holdJson(await releaseHold(user.id, params.bookingId)) };
});
