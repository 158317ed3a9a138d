import { route } from "@/lib/http/route";
import { ticketPublicKey } from "@/lib/tickets/keys";

/** The public key that verifies tickets, for scanners checking them offline. */
export const GET = route({ scope: "venue:manage", roles: ["scanner", "staff", "admin"] }, async () => {
  const k = ticketPublicKey();
  return { keys: [k.jwk], pem: k.pem };
});
