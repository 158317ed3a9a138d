import { checkIn, checkinSchema } from "@/lib/checkin/checkin";
import { route } from "@/lib/http/route";

/** Admit a ticket: `{code, showId?, deviceId?, scannedAt?, offline?}` → `{result, reason, ticket, …}` (scanner, staff, admin). */
export const POST = route({ roles: ["scanner", "staff", "admin"], body: checkinSchema, rateLimit: "checkin" }, async ({ user, body }) => checkIn(user, body));
