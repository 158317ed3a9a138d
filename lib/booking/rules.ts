// What a booking may do, as the rest of the booking domain asks it.
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/errors";

/** How long a hold keeps its seats (HOLD_MINUTES, 10 by default). */
export const holdMinutes = () => env().HOLD_MINUTES;

/** A show that cannot be booked now, and why. */
export function notOnSale(showStatus: string): AppError {
  return new AppError(
    "SHOW_NOT_ON_SALE",
    showStatus === "CANCELLED" ? "This show has been cancelled." : "This show has already started; tickets are no longer on sale.",
  );
}
