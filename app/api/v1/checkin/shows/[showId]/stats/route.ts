import { doorStats } from "@/lib/checkin/checkin";
import { showIdParams } from "@/lib/catalog/shows";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "venue:manage", roles: ["scanner", "staff", "admin"], params: showIdParams, rateLimit: false }, async ({ user, params }) => ({ stats: await doorStats(user, params.showId) }));
