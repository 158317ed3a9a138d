"use server";
// A show's on-sale and waiting room, from the admin show page (staff for their venues; admins).
import { revalidatePath } from "next/cache";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { queryRows } from "@/db/rows";
import { endWaitingRoom, removeOnSale, setOnSale, setOnSaleForEvent } from "@/lib/admin/on-sale";
import { formAction, type ActionResult } from "@/lib/http/action";
import { notFound } from "@/lib/errors";
import { zonedTimeToInstant } from "@/lib/time/zone";

const staff = { auth: ["staff", "admin"], messages: { forbidden: "This is for venue staff." } } as const;

const input = z.object({
  showId: z.uuid(),
  // <input type="datetime-local">, in the venue's time zone.
  onSaleAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Pick a date and time"),
  waitingRoom: z.enum(["on"]).optional(),
  paused: z.enum(["on"]).optional(),
  admitPerMinute: z.coerce.number("Enter a number").int("Enter a whole number").min(1, "At least 1 a minute").max(100_000, "At most 100,000 a minute"),
  scope: z.enum(["show", "event"]).default("show"),
  intent: z.enum(["save", "end", "remove"]).default("save"),
});

export type OnSaleChange = { intent: "save" | "end" | "remove"; shows: number };

const onSaleAction = formAction({
  input,
  ...staff,
  run: async (v, { user }): Promise<OnSaleChange> => {
    if (v.intent === "end") {
      await endWaitingRoom(user, v.showId);
      return { intent: "end", shows: 1 };
    }
    if (v.intent === "remove") {
      await removeOnSale(user, v.showId);
      return { intent: "remove", shows: 1 };
    }
    const [show] = await queryRows<{ eventId: string; timeZone: string }>(
      db,
      sql`SELECT s.event_id AS "eventId", v.time_zone AS "timeZone" FROM shows s JOIN venues v ON v.id = s.venue_id WHERE s.id = ${v.showId}::uuid`,
    );
    if (!show) throw notFound("Show");
    const [ymd, hm] = v.onSaleAt.split("T") as [string, string];
    const [hh, mm] = hm.split(":").map(Number) as [number, number];
    const settings = { onSaleAt: zonedTimeToInstant(ymd, hh, mm, show.timeZone), waitingRoom: v.waitingRoom === "on", admitPerMinute: v.admitPerMinute, paused: v.paused === "on" };
    if (v.scope === "event") return { intent: "save", ...(await setOnSaleForEvent(user, show.eventId, settings)) };
    await setOnSale(user, v.showId, settings);
    return { intent: "save", shows: 1 };
  },
});

export async function onSaleFormAction(prev: ActionResult<OnSaleChange> | null, form: FormData) {
  const result = await onSaleAction(prev, form);
  if (result.ok) revalidatePath(`/admin/shows/${form.get("showId")}`);
  return result;
}
