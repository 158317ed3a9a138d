import { checkIn } from "@/lib/checkin/checkin";
import * as checkin from "@/lib/api/contract/checkin";
import { route } from "@/lib/http/route";

/**
 * Admit a ticket's people: `{code, showId?, deviceId?, scannedAt?, offline?, admit?}` →
 * `{result, reason, ticket, admittedNow, admittedSoFar, total, remaining, …}` (scanner, staff,
 * admin). `admit` (default: everyone not yet admitted) above what remains is 409 ADMIT_EXCEEDS_REMAINING.
 */
export const POST = route(checkin.checkIn, async ({ user, body }) => checkIn(user, body));
