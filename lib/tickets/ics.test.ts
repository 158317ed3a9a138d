import { describe, expect, it } from "vitest";
import { escapeIcsText, foldIcsLine, icsUtc, showIcs, type ShowIcsInput } from "./ics";

const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
/** Content lines after unfolding, without the final empty string. */
const contentLines = (ics: string) => unfold(ics).split("\r\n").slice(0, -1);

const show: ShowIcsInput = {
  uid: "6f1c1b1e-8d3a-4a53-9a55-0d8b4f0b6a11@marquee",
  title: "Hamlet, Act 1; the \\ ghost",
  description: "Seats F11, F12\nBooking MQ7KX2P9Q4AB\r\nDoors open 30 minutes before. " + "Bring this ticket. ".repeat(8),
  location: "Prithvi Theatre, Juhu Church Road; Mumbai",
  startsAt: new Date("2026-12-01T19:30:00+05:30"),
  endsAt: new Date("2026-12-01T22:30:00+05:30"),
  url: "http://localhost:3000/account/bookings/6f1c1b1e-8d3a-4a53-9a55-0d8b4f0b6a11",
  stampedAt: new Date("2026-11-25T10:00:00.900Z"),
};

describe("showIcs", () => {
  it("writes one VEVENT in a VCALENDAR with CRLF line endings and no line over 75 octets", () => {
    const ics = showIcs(show);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n|\r[^\n]/);
    for (const line of ics.split("\r\n")) expect(octets(line), line).toBeLessThanOrEqual(75);
    expect(ics.split("\r\n").some((l) => l.startsWith(" "))).toBe(true); // something was long enough to fold
    const lines = contentLines(ics);
    expect(lines.slice(0, 6)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Marquee//Tickets//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT"]);
    expect(lines.slice(-3)).toEqual(["END:VALARM", "END:VEVENT", "END:VCALENDAR"]);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
  });

  it("writes times in UTC as YYYYMMDDTHHMMSSZ", () => {
    const lines = contentLines(showIcs(show));
    expect(lines).toContain("DTSTART:20261201T140000Z");
    expect(lines).toContain("DTEND:20261201T170000Z");
    expect(lines).toContain("DTSTAMP:20261125T100000Z");
    expect(icsUtc(new Date("2027-01-01T05:29:59+05:30"))).toBe("20261231T235959Z");
  });

  it("escapes commas, semicolons, backslashes and newlines in text", () => {
    const lines = contentLines(showIcs(show));
    expect(lines).toContain("SUMMARY:Hamlet\\, Act 1\\; the \\\\ ghost");
    expect(lines).toContain("LOCATION:Prithvi Theatre\\, Juhu Church Road\\; Mumbai");
    expect(lines.find((l) => l.startsWith("DESCRIPTION:Seats"))).toMatch(/^DESCRIPTION:Seats F11\\, F12\\nBooking MQ7KX2P9Q4AB\\nDoors open 30 minutes before\. Bring/);
    expect(lines).toContain(`UID:${show.uid}`);
    expect(lines).toContain(`URL:${show.url}`);
  });

  it("cannot be made to inject properties through any field", () => {
    const hostile = "x\r\nATTENDEE:mailto:evil@example.com\nEND:VEVENT\r";
    const ics = showIcs({ ...show, uid: hostile, title: hostile, description: hostile, location: hostile, url: `https://e.x/${hostile}`, organizerName: hostile, organizerEmail: `a@b.c${hostile}` });
    const lines = contentLines(ics);
    expect(lines.filter((l) => /^(ATTENDEE|END:VEVENT)/.test(l))).toEqual(["END:VEVENT"]);
    expect(ics).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it("reminds two hours before, with a description as DISPLAY alarms require", () => {
    const lines = contentLines(showIcs(show));
    const alarm = lines.slice(lines.indexOf("BEGIN:VALARM"), lines.indexOf("END:VALARM") + 1);
    expect(alarm).toEqual(["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Hamlet\\, Act 1\\; the \\\\ ghost", "TRIGGER:-PT2H", "END:VALARM"]);
  });

  it("names the organizer only with an address, quoting the name", () => {
    expect(showIcs(show)).not.toContain("ORGANIZER");
    const lines = contentLines(showIcs({ ...show, organizerName: 'Prithvi "Theatre": Mumbai', organizerEmail: "tickets@marquee.example" }));
    expect(lines).toContain(`ORGANIZER;CN="Prithvi 'Theatre': Mumbai":mailto:tickets@marquee.example`);
    expect(contentLines(showIcs({ ...show, organizerEmail: "tickets@marquee.example" }))).toContain("ORGANIZER:mailto:tickets@marquee.example");
  });

  it("refuses invalid dates and shows that end before they start", () => {
    expect(() => showIcs({ ...show, startsAt: new Date("nope") })).toThrow(RangeError);
    expect(() => showIcs({ ...show, endsAt: new Date(show.startsAt.getTime() - 1) })).toThrow(RangeError);
  });
});

describe("foldIcsLine", () => {
  it("folds at 75 octets without splitting multi-byte characters, and unfolds to the original", () => {
    for (const line of ["A".repeat(300), "DESCRIPTION:" + "é".repeat(100), "SUMMARY:" + "🎭 नाटक ".repeat(30), "x".repeat(75), "x".repeat(76)]) {
      const folded = foldIcsLine(line);
      const physical = folded.split("\r\n");
      for (const l of physical) expect(octets(l)).toBeLessThanOrEqual(75);
      expect(physical.slice(1).every((l) => l.startsWith(" ") && l.length > 1)).toBe(true);
      expect(folded.replace(/\r\n /g, "")).toBe(line);
      expect(folded).not.toContain("\uFFFD");
    }
    expect(foldIcsLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldIcsLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
  });
});

describe("escapeIcsText", () => {
  it("escapes backslash first so escapes are not doubled", () => {
    expect(escapeIcsText("a\\,b;c\nd\r\ne\rf")).toBe("a\\\\\\,b\\;c\\nd\\ne\\nf");
  });
});
