// The registry: every API operation, for the OpenAPI document, the docs page and the drift tests.
// Each contract module exports its operations (`export const listEvents = op({...})`); anything a
// module exports that is an Operation is picked up, so adding an operation is one export.
import type { Operation } from "./op";
import * as meta from "./meta";
import * as events from "./events";
import * as shows from "./shows";
import * as users from "./users";
// Filled in by i22-contracts (bookings, payments, queue/waitlist, check-in, staff).
import * as bookings from "./bookings";
import * as payments from "./payments";
import * as queue from "./queue";
import * as waitlist from "./waitlist";
import * as checkin from "./checkin";
import * as admin from "./admin";

/** Tags in the order the docs page shows them, each with a line saying what it covers. */
export const TAGS: { name: string; description: string }[] = [
  { name: "Catalog", description: "Events, people, venues and cities: what is on, where and when." },
  { name: "Shows", description: "One show: its details, live seat map, best-available seats, prices and on-sale waiting room." },
  { name: "Users", description: "Accounts: register, sign in for a token, sign out, your profile and bookings." },
  { name: "Bookings", description: "Hold seats, quote, confirm and cancel a booking." },
  { name: "Payments", description: "Pay for a booking, idempotently, and follow the payment." },
  { name: "Queue", description: "The on-sale waiting room and show waitlists." },
  { name: "Check-in", description: "Door staff: scan tickets and follow admissions." },
  { name: "Staff", description: "Venue staff and admins: venues, on-sales and sales." },
  { name: "Meta", description: "This document." },
];

export function isOperation(x: unknown): x is Operation {
  return Boolean(x && typeof x === "object" && "operationId" in x && "method" in x && "path" in x && "responses" in x);
}

const MODULES: Record<string, unknown>[] = [events, shows, users, bookings, payments, queue, waitlist, checkin, admin, meta];

const METHOD_ORDER = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every operation, by path then method (a module namespace lists its exports alphabetically, which reads as no order). */
export const OPERATIONS: readonly Operation[] = MODULES.flatMap((m) => Object.values(m).filter(isOperation)).sort(
  (a, b) => a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
);
