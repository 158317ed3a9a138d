/**
 * What a partner API key may do. A route names the one scope it needs (`route({ scope })`); a
 * key without it is refused with 403, and a route naming none refuses every key (sign-in,
 * sign-up, tokens: things only a person does). Browser sessions and login tokens are not scoped:
 * their role decides, as before.
 */
export const API_SCOPES = {
  "catalog:read": "Read the catalog: events, shows, venues, seat maps and prices.",
  "bookings:write": "Book on behalf of users: hold seats, pay, confirm, cancel, join queues and waitlists.",
  "venue:manage": "Staff operations at the key's venues: sales, on-sales, venue details and check-in.",
} as const;

export type ApiScope = keyof typeof API_SCOPES;
export const API_SCOPE_NAMES = Object.keys(API_SCOPES) as ApiScope[];
