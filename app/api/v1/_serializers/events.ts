// The API's JSON shape of an event (the search vector is an index detail).
import type { EventDetails } from "@/lib/catalog/events";

export function eventJson(e: EventDetails) {
  const { searchVector: _omit, ...rest } = e;
  return rest;
}
