import { route } from "@/lib/http/route";
import * as payments from "@/lib/api/contract/payments";
import { getPayment } from "@/lib/payments/process";

export const GET = route(payments.getPaymentStatus, async ({ user, params }) => ({ payment: await getPayment(user.id, params.paymentId) }));
