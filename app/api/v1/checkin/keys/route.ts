import { route } from "@/lib/http/route";
import * as checkin from "@/lib/api/contract/checkin";
import { ticketPublicKey } from "@/lib/tickets/keys";

/** The public key that verifies tickets, for scanners checking them offline. */
export const GET = route(checkin.getTicketKeys, async () => {
  const k = ticketPublicKey();
  return { keys: [k.jwk], pem: k.pem };
});
