import { doorShows } from "@/lib/checkin/checkin";
import { route } from "@/lib/http/route";
import * as checkin from "@/lib/api/contract/checkin";

export const GET = route(checkin.listDoorShows, async ({ user }) => ({ shows: await doorShows(user) }));
