import { z } from "zod";
import { route } from "@/lib/http/route";
import { getPayment } from "@/lib/payments/process";

const params = z.object({ paymentId: z.uuid("must be a payment id (UUID)") });

export const GET = route({ scope: "bookings:write", auth: "required", params }, async ({ user, params }) => ({ payment: await getPayment(user.id, params.paymentId) }));
