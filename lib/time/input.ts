// Dates and times as input: zod schemas shared by route handlers, server actions and the API
// contracts (lib/api/contract), bounded to years Postgres and Date both handle.
import { z } from "zod";
import { FIRST_DAY, LAST_DAY, isYmd } from "./zone";

/** A real "YYYY-MM-DD" day between FIRST_DAY and LAST_DAY. */
export const isoDay = (message = "must be a date (YYYY-MM-DD)") =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message).refine(isYmd, `${message}, between ${FIRST_DAY} and ${LAST_DAY}`);

/** An instant (ISO 8601 or epoch ms) within the same years: nothing Postgres or Date would choke on. */
export const instant = (message = "must be a date and time (ISO 8601)") =>
  z.coerce
    .date({ error: message })
    .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() >= Date.parse(`${FIRST_DAY}T00:00:00Z`) && d.getTime() <= Date.parse(`${LAST_DAY}T23:59:59.999Z`), `${message}, between ${FIRST_DAY} and ${LAST_DAY}`);
