// Tests drive the local payment gateway by hand: no timers, and its webhooks go straight to the
// real webhook handler (signature check included) instead of over HTTP.
import { setLocalAutoDelivery, setLocalWebhookTarget } from "@/lib/payments/gateways/local";
import { handleWebhook } from "@/lib/payments/webhook";

export function deliverWebhooksInProcess(opts: { before?: (raw: string, signature: string) => number | null } = {}): () => void {
  setLocalAutoDelivery(false);
  setLocalWebhookTarget(async (raw, signature) => {
    const refused = opts.before?.(raw, signature);
    if (refused) return { status: refused };
    try {
      await handleWebhook(raw, signature);
      return { status: 200 };
    } catch {
      return { status: 500 };
    }
  });
  return () => {
    setLocalWebhookTarget(null);
    setLocalAutoDelivery(true);
  };
}

export { CARD_DECLINED, CARD_DELAYED, CARD_OK } from "./cards";
