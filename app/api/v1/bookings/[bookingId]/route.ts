import { z } from "zod";
import { getUserBooking } from "@/lib/booking/history";
import { route } from "@/lib/http/route";

const params = z.object({ bookingId: z.uuid("must be a booking id (UUID)") });

export const GET = route({ auth: "required", params }, async ({ user, params }) => ({ booking: await getUserBooking(user.id, params.bookingId) }));
