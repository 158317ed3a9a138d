import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/http/route";
import { AppError } from "@/lib/errors";
import { handleWebhook } from "@/lib/payments/webhook";

/**
 * Gateway webhooks (Stripe, or the local gateway which signs the same way). The signature is
 * checked over the raw body; 2xx once applied or already applied; a failure answers 5xx so the
 * sender retries. Not a route() handler (the body is read raw for the signature); its contract is
 * lib/api/contract/payments.ts `paymentWebhook`.
 */
export async function POST(req: NextRequest) {
  try {
    const raw = await req.text();
    if (raw.length > 512 * 1024) throw new AppError("PAYLOAD_TOO_LARGE", "Webhook body is too large");
    const outcome = await handleWebhook(raw, req.headers.get("stripe-signature"));
    return NextResponse.json({ received: true, outcome });
  } catch (err) {
    return errorResponse(err);
  }
}
