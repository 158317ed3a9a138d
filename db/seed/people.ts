// People and their credits for the normal catalog, from data-credits.ts: one row per distinct
// name (a director with two films is one person), billing order as written.
import type * as schema from "../schema";
import { BIOS, creditsFor } from "./data-credits";
import type { Rng } from "./random";
import { uniqueSlugs } from "./slug";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export type CreditsPlan = { people: Insert<typeof schema.people>[]; eventCredits: Insert<typeof schema.eventCredits>[] };

export function planCredits(events: readonly { id: string; title: string }[], ids: Rng): CreditsPlan {
  const byName = new Map<string, Insert<typeof schema.people>>();
  const eventCredits: Insert<typeof schema.eventCredits>[] = [];
  for (const event of events) {
    const seen = new Set<string>();
    creditsFor(event.title).forEach((c, position) => {
      let p = byName.get(c.name);
      if (!p) {
        p = { id: ids.uuid(), slug: "", name: c.name, kind: c.kind, bio: BIOS[c.name] ?? "" };
        byName.set(c.name, p);
      }
      // One credit per person and role (the primary key): a director who also acts keeps both.
      const key = `${p.id}:${c.role}`;
      if (seen.has(key)) return;
      seen.add(key);
      eventCredits.push({ eventId: event.id, personId: p.id as string, role: c.role, credit: c.credit, position });
    });
  }
  const people = [...byName.values()];
  const slugs = uniqueSlugs(people.map((p) => p.name));
  people.forEach((p, i) => (p.slug = slugs[i] as string));
  return { people, eventCredits };
}
