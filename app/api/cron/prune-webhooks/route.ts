import { cronRoute } from "@/lib/cron/route";

export const { GET, POST } = cronRoute("prune-webhooks");
