// How credits are shown: cast and crew together (as film credits read), then artists, teams and
// speakers, each in billing order. Pure, so pages and the API agree and it is tested alone.
import type { CreditRole } from "@/db/schema";

export type Credit = {
  personId: string;
  slug: string;
  name: string;
  kind: "PERSON" | "GROUP";
  role: CreditRole;
  credit: string;
  position: number;
};

export type CreditGroup = { key: string; heading: string; credits: Credit[] };

const GROUPS: { key: string; heading: string; roles: CreditRole[] }[] = [
  { key: "cast-crew", heading: "Cast & crew", roles: ["CAST", "CREW"] },
  { key: "artists", heading: "Artists", roles: ["ARTIST"] },
  { key: "teams", heading: "Teams", roles: ["TEAM"] },
  { key: "speakers", heading: "Speakers", roles: ["SPEAKER"] },
];

/** Non-empty groups in display order; within a group, billing order then name. */
export function groupCredits(credits: readonly Credit[]): CreditGroup[] {
  const sorted = [...credits].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  return GROUPS.map((g) => ({ key: g.key, heading: g.heading, credits: sorted.filter((c) => g.roles.includes(c.role)) }))
    .filter((g) => g.credits.length > 0)
    .map((g) => (g.key === "cast-crew" && !g.credits.some((c) => c.role === "CAST") ? { ...g, heading: "Crew" } : g));
}

/** "Director", "as Vikram", or the role in words when the credit is blank. */
export function creditLine(c: Pick<Credit, "role" | "credit">): string {
  if (c.credit) return c.credit;
  return { CAST: "Cast", CREW: "Crew", ARTIST: "Artist", TEAM: "Team", SPEAKER: "Speaker" }[c.role];
}

/** "Kabir Rao" → "KR": the placeholder where a photo would go. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w))
    .slice(0, 2)
    .map((w) => w[0])
    .join("")
    .toUpperCase();
}
