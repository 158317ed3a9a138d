import { doorShows } from "@/lib/checkin/checkin";
import { route } from "@/lib/http/route";

export const GET = route({ scope: "venue:manage", roles: ["scanner", "staff", "admin"] }, async ({ user }) => ({ shows: await doorShows(user) }));
