import { checkIn, checkinSchema } from "@/lib/checkin/checkin";
import { route } from "@/lib/http/route";

/**
 * Admit a ticket's people: `{code, showId?, deviceId?, scannedAt?, offline?, admit?}` →
 * `{result, reason, ticket, admittedNow, admittedSoFar, total, remaining, …}` (scanner, staff,
 * admin). `admit` (default: everyone not yet admitted) above what remains is 409 ADMIT_EXCEEDS_REMAINING.
 */
export const POST = route({ scope: "venue:manage", roles: ["scanner", "staff", "admin"], body: checkinSchema, rateLimit: "checkin" }, async ({ user, body }) => checkIn(user, body));
