// "Add to calendar" for a booked show: one RFC 5545 VEVENT with a reminder two hours before.
// CRLF line endings, TEXT values escaped, lines folded at 75 octets, all times in UTC (the
// calendar app shows them in the reader's zone). No Node imports, so the browser can build it too.

export type ShowIcsInput = {
  /** Stable across re-downloads so calendars update the event instead of duplicating it. */
  uid: string;
  title: string;
  description: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  url: string;
  /** DTSTAMP; defaults to now. */
  stampedAt?: Date;
} & (
  | { organizerName?: undefined; organizerEmail?: undefined }
  // ORGANIZER's value must be an address (RFC 5545 §3.8.4.3), so a name alone cannot make one.
  | { organizerName?: string; organizerEmail: string }
);

const CRLF = "\r\n";
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

const pad = (n: number) => String(n).padStart(2, "0");

/** YYYYMMDDTHHMMSSZ. Throws on an invalid Date rather than writing "NaN" into someone's calendar. */
export function icsUtc(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError("invalid date for .ics");
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

// Control characters other than tab are not allowed in content lines (RFC 5545 §3.1).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as "\n". */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, "\n")
    .replace(CONTROL, "")
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

/** A quoted parameter value (e.g. CN): DQUOTE and control characters cannot appear inside one. */
function quoteParam(text: string): string {
  return `"${text.replace(/\r\n|\r|\n/g, " ").replace(CONTROL, "").replace(/"/g, "'")}"`;
}

/** A URI value: not escaped, but must not smuggle in a line break (a new property). */
function uriValue(text: string): string {
  return text.replace(/[\r\n]/g, "").replace(CONTROL, "");
}

/** Folds a content line so no line exceeds 75 octets (continuations start with one space), never splitting a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      lines.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  lines.push(current);
  return lines.join(`${CRLF} `);
}

export function showIcs(input: ShowIcsInput): string {
  const start = icsUtc(input.startsAt);
  const end = icsUtc(input.endsAt);
  if (input.endsAt.getTime() < input.startsAt.getTime()) throw new RangeError("show ends before it starts");
  const organizer =
    input.organizerEmail === undefined
      ? []
      : [`ORGANIZER${input.organizerName ? `;CN=${quoteParam(input.organizerName)}` : ""}:mailto:${uriValue(input.organizerEmail)}`];
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Marquee//Tickets//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${escapeIcsText(input.uid)}`,
    `DTSTAMP:${icsUtc(input.stampedAt ?? new Date())}`,
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `SUMMARY:${escapeIcsText(input.title)}`,
    `DESCRIPTION:${escapeIcsText(input.description)}`,
    `LOCATION:${escapeIcsText(input.location)}`,
    `URL:${uriValue(input.url)}`,
    ...organizer,
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeIcsText(input.title)}`,
    "TRIGGER:-PT2H",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
