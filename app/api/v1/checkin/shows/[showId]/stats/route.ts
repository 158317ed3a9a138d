import { doorStats } from "@/lib/checkin/checkin";
import { route } from "@/lib/http/route";
import * as checkin from "@/lib/api/contract/checkin";

export const GET = route(checkin.getDoorStats, async ({ user, params }) => ({ stats: await doorStats(user, params.showId) }));
