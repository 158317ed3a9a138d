// Accounts: register, sign in for an API token, sign out everywhere, profile and bookings.
import { z } from "zod";
import { bookingStatus, userRole } from "@/db/schema";
import { registerSchema } from "@/lib/auth/accounts";
import { userIdParams } from "@/lib/auth/params";
import { historyQuerySchema } from "@/lib/booking/history";
import { Currency, cursorPage, DateTime, MinorUnits, Uuid } from "./shared";
import { op } from "./op";

export const User = z
  .object({
    id: Uuid,
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    role: z.enum(userRole.enumValues),
    emailVerified: z.boolean(),
    createdAt: DateTime,
  })
  .meta({ id: "User" });

export const BookingSummary = z
  .object({
    id: Uuid,
    reference: z.string().describe("Short code printed on the ticket."),
    status: z.enum(bookingStatus.enumValues.filter((s) => ["PAYMENT_PENDING", "CONFIRMED", "CANCELLED", "REFUNDED"].includes(s)) as [string, ...string[]]),
    totalMinor: MinorUnits,
    currency: Currency,
    createdAt: DateTime,
    seatCount: z.int(),
    seatLabels: z.array(z.string()),
    show: z.object({ id: Uuid, startsAt: DateTime, format: z.string().nullable(), language: z.string().nullable() }),
    event: z.object({ id: Uuid, slug: z.string(), title: z.string(), posterUrl: z.string().nullable() }),
    venue: z.object({ name: z.string(), timeZone: z.string(), sectionName: z.string() }),
  })
  .meta({ id: "BookingSummary", description: "A booking in a user's history." });

const NO_STORE = { "Cache-Control": "no-store" };

export const registerUser = op({
  method: "POST",
  path: "/users/register",
  operationId: "registerUser",
  summary: "Create an account",
  description: "Rate limited per address (policy `signUp`). Sign in with POST /users/login afterwards.",
  tag: "Users",
  rateLimit: false,
  body: registerSchema,
  responses: { 201: { description: "The new account.", schema: z.object({ user: User }), headers: NO_STORE } },
  errors: ["EMAIL_TAKEN", "RATE_LIMITED"],
});

export const loginUser = op({
  method: "POST",
  path: "/users/login",
  operationId: "loginUser",
  summary: "Sign in for an API token",
  description:
    "Answers a Bearer token for `Authorization: Bearer …`, valid until `expiresAt` or until you sign out. One message for an unknown email and a wrong password; password attempts are limited per email and per address.",
  tag: "Users",
  rateLimit: false,
  body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(128) }),
  responses: {
    200: {
      description: "Signed in.",
      schema: z.object({ token: z.string(), tokenType: z.literal("Bearer"), expiresAt: DateTime, user: User }),
      headers: NO_STORE,
    },
  },
  errors: ["UNAUTHORIZED", "RATE_LIMITED"],
});

export const logoutUser = op({
  method: "POST",
  path: "/users/logout",
  operationId: "logoutUser",
  summary: "Sign out everywhere",
  description: "Ends every API token and browser session of the caller, this one included.",
  tag: "Users",
  auth: "required",
  responses: { 200: { description: "Signed out.", schema: z.object({ signedOut: z.literal(true) }) } },
});

export const getUserProfile = op({
  method: "GET",
  path: "/users/{userId}/profile",
  operationId: "getUserProfile",
  summary: "Your profile",
  description: "Your own only: another user's id answers 404, as if it did not exist.",
  tag: "Users",
  auth: "required",
  scope: "bookings:write",
  params: userIdParams,
  responses: { 200: { description: "The profile.", schema: z.object({ user: User }) } },
});

export const listUserBookings = op({
  method: "GET",
  path: "/users/{userId}/bookings",
  operationId: "listUserBookings",
  summary: "Your bookings",
  description: "Newest first, paginated by `cursor`; `when` picks upcoming or past shows. Holds that never became bookings are left out. Your own only: another user's id answers 404.",
  tag: "Users",
  auth: "required",
  scope: "bookings:write",
  params: userIdParams,
  query: historyQuerySchema,
  responses: { 200: { description: "A page of bookings.", schema: cursorPage(BookingSummary) } },
  errors: ["INVALID_CURSOR"],
});
