// The local gateway's test cards, built from the documented test numbers (TEST_VALUES) it decides
// outcomes by. Plain data with relative imports only, so Playwright specs load it as well as Vitest.
import { TEST_VALUES } from "../payments/gateways/local-methods";

const card = (number: string) => ({ number, expMonth: 12, expYear: 2034, cvc: "123" });

/** Approved, declined, approved after a delay. */
export const CARD_OK = card(TEST_VALUES.card.succeeds);
export const CARD_DECLINED = card(TEST_VALUES.card.declined);
export const CARD_DELAYED = card(TEST_VALUES.card.delayed);
