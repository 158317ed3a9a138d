import { z } from "zod";
import { route } from "@/lib/http/route";
import { holdJson } from "@/lib/seating/api";
import { releaseHold } from "@/lib/seating/holds";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

/** Releases a hold (its seats are on sale again at once). */
export const POST = route({ auth: "required", params }, async ({ user, params }) => ({
  booking: holdJson(await releaseHold(user.id, params.bookingId)),
}));
