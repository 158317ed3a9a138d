// The API's JSON shape of an event (the search vectors and the credits text are index details;
// credits go out as a list of people instead; which staff account created it is nobody else's business).
import type { EventDetails } from "@/lib/catalog/events";
import type { Credit } from "@/lib/catalog/credit-groups";

export function eventJson(e: EventDetails, credits: Credit[]) {
  const { searchVector: _omit, nameVector: _omitToo, credits: _names, createdBy: _staff, ...rest } = e;
  return { ...rest, credits };
}
