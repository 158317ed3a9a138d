// Message bodies. Each email is written once as content (a title, paragraphs, a table of facts, a
// button) and rendered twice from it: a plain-text part and an HTML part, so the two never say
// different things. The HTML is table-based with inline styles (what mail clients render alike):
// at most 600 px wide and fluid below that, 16 px text, a button a thumb can hit.
import { admitsText } from "@/lib/format/places";
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type Fact = { label: string; value: string };

export type EmailContent = {
  title: string;
  /** The line inboxes show after the subject. */
  preheader?: string;
  paragraphs: string[];
  /** Label/value rows: what was booked, what was refunded, when it arrives. */
  facts?: Fact[];
  /** Paragraphs after the facts. */
  after?: string[];
  action?: { label: string; url: string };
  image?: { cid: string; alt: string };
  footer?: string;
};

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const DEFAULT_FOOTER = "Marquee · movies, concerts, sports and shows near you. You get this email about an account or booking of yours.";

/** The HTML part: one centred column, max 600 px, full width on a phone. */
export function renderHtml(c: EmailContent): string {
  const p = (s: string) => `<p style="margin:0 0 14px;font-size:16px;line-height:1.55">${esc(s)}</p>`;
  const facts = c.facts?.length
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:separate;margin:6px 0 18px;border:1px solid #e2e8f0;border-radius:10px">
${c.facts
  .map(
    (f, i) =>
      `<tr><td class="fact-label" valign="top" style="padding:11px 14px;width:38%;font-size:14px;line-height:1.4;color:#64748b;${i ? "border-top:1px solid #e2e8f0;" : ""}">${esc(f.label)}</td>` +
      `<td class="fact-value" valign="top" style="padding:11px 14px;font-size:16px;line-height:1.4;font-weight:600;color:#1f2033;${i ? "border-top:1px solid #e2e8f0;" : ""}">${esc(f.value)}</td></tr>`,
  )
  .join("\n")}
</table>`
    : "";
  const image = c.image
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center" style="padding:4px 0 18px"><img src="cid:${esc(c.image.cid)}" width="220" height="220" alt="${esc(c.image.alt)}" style="display:block;width:220px;max-width:100%;height:auto;border:0"></td></tr></table>`
    : "";
  const action = c.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" class="btn-wrap" style="margin:6px 0 10px"><tr><td align="center" bgcolor="#d41f44" style="border-radius:8px">` +
      `<a href="${esc(c.action.url)}" class="btn" style="display:inline-block;padding:14px 24px;font-family:${FONT};font-size:16px;font-weight:700;line-height:1.2;color:#ffffff;text-decoration:none;border-radius:8px">${esc(c.action.label)}</a></td></tr></table>` +
      `<p style="margin:0;font-size:13px;line-height:1.5;color:#64748b;word-break:break-all">${esc(c.action.url)}</p>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting"><meta name="color-scheme" content="light"><meta name="supported-color-schemes" content="light">
<title>${esc(c.title)}</title>
<style>
@media only screen and (max-width: 620px) {
  .outer { padding: 12px 8px !important; }
  .card { padding: 22px 18px !important; }
  .btn-wrap { width: 100% !important; }
  .btn { display: block !important; text-align: center !important; }
  .fact-label { width: 40% !important; }
}
</style></head>
<body style="margin:0;padding:0;background:#f1f5f9;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%">
${c.preheader ? `<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all">${esc(c.preheader)}</div>\n` : ""}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f1f5f9"><tr><td align="center" class="outer" style="padding:28px 12px">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;font-family:${FONT};color:#1f2033">
<tr><td style="padding:0 4px 14px;font-size:20px;line-height:1.2;font-weight:800"><span style="display:inline-block;background:#d41f44;color:#ffffff;border-radius:6px;padding:2px 8px">M</span>&nbsp;Marquee</td></tr>
<tr><td class="card" style="background:#ffffff;border-radius:12px;padding:32px">
<h1 style="margin:0 0 16px;font-size:24px;line-height:1.25;font-weight:800">${esc(c.title)}</h1>
${c.paragraphs.map(p).join("\n")}
${facts}${image}${(c.after ?? []).map(p).join("\n")}
${action}
</td></tr>
<tr><td style="padding:16px 8px 0;font-size:13px;line-height:1.5;color:#64748b;text-align:center">${esc(c.footer ?? DEFAULT_FOOTER)}</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr></table></body></html>`;
}

/** The plain-text part: the same content, facts as "Label: value" lines. */
export function renderText(c: EmailContent): string {
  const blocks = [c.title, ...c.paragraphs];
  if (c.facts?.length) blocks.push(c.facts.map((f) => `${f.label}: ${f.value}`).join("\n"));
  blocks.push(...(c.after ?? []));
  if (c.action) blocks.push(`${c.action.label}: ${c.action.url}`);
  blocks.push(`—\n${c.footer ?? DEFAULT_FOOTER}`);
  return `${blocks.join("\n\n")}\n`;
}

const email = (subject: string, c: EmailContent) => ({ subject, bodyText: renderText(c), bodyHtml: renderHtml(c) });

export function passwordResetEmail(name: string, url: string, minutes: number) {
  return email("Reset your Marquee password", {
    title: "Reset your password",
    preheader: `The link works once, for ${minutes} minutes.`,
    paragraphs: [`Hi ${name},`, `Someone (hopefully you) asked to reset your Marquee password. The link works once, for ${minutes} minutes.`],
    action: { label: "Choose a new password", url },
    after: ["If it wasn't you, ignore this email: your password stays as it is."],
  });
}

export function verifyEmail(name: string, url: string) {
  return email("Confirm your email for Marquee", {
    title: "Confirm your email",
    paragraphs: [`Welcome to Marquee, ${name}!`, "Confirm your email address so we can send you tickets and reminders."],
    action: { label: "Confirm email", url },
  });
}

/** What was refunded and when the payer sees it (lib/notifications/refund-timing.ts words the timing). */
export type RefundFacts = { amount: string; destination: string; arrives: string };

export type BookingFacts = {
  name: string;
  reference: string;
  title: string;
  venue: string;
  when: string; // already in the venue's time zone
  seats: string[];
  total: string;
  url: string;
  /** The refund this message reports; null when nothing was paid, absent when the message is not about money back. */
  refund?: RefundFacts | null;
  /** The reason staff gave (a staff refund, a show the venue cancelled), in their words. */
  reason?: string | null;
};

export type BookingEmailKind = "booking_confirmed" | "booking_cancelled" | "booking_refunded_by_staff" | "show_cancelled" | "late_payment_refunded" | "duplicate_payment_refunded";

const showFacts = (b: BookingFacts): Fact[] => [
  { label: "Show", value: b.title },
  { label: "When", value: b.when },
  { label: "Venue", value: b.venue },
  { label: "Tickets", value: admitsText(b.seats) },
  { label: "Booking", value: b.reference },
];

/** The refund rows: amount, where to, when; or that nothing was charged. */
function refundFacts(b: BookingFacts): Fact[] {
  if (b.refund === null) return [{ label: "Refund", value: "Nothing to refund: this booking cost nothing" }];
  const r = b.refund ?? { amount: b.total, destination: "your original payment method", arrives: "Within 5–10 working days, depending on your bank" };
  return [
    { label: "Amount refunded", value: r.amount },
    { label: "Refunded to", value: r.destination.charAt(0).toUpperCase() + r.destination.slice(1) },
    { label: "When it arrives", value: r.arrives },
  ];
}

const reasonFact = (b: BookingFacts): Fact[] => (b.reason ? [{ label: "Reason given", value: b.reason }] : []);
const refundedAmount = (b: BookingFacts) => (b.refund === null ? null : (b.refund?.amount ?? b.total));

export function bookingEmail(kind: BookingEmailKind, b: BookingFacts) {
  const amount = refundedAmount(b);
  const copy: Record<BookingEmailKind, { subject: string; content: EmailContent }> = {
    booking_confirmed: {
      subject: `Your tickets: ${b.title}`,
      content: {
        title: "You're going!",
        preheader: `${b.when} · ${b.venue} · ${admitsText(b.seats)}`,
        paragraphs: [`Hi ${b.name}, your booking is confirmed. Show the QR code on your e-ticket at the door.`],
        facts: [...showFacts(b), { label: "Paid", value: b.total }],
        image: { cid: "ticket-qr", alt: `QR code of ticket ${b.reference}` },
        action: { label: "Open your e-ticket", url: b.url },
      },
    },
    // One message for the customer's cancellation: the cancellation and the refund it starts.
    booking_cancelled: {
      subject: amount ? `Cancelled, ${amount} refund on its way: ${b.title}` : `Booking cancelled: ${b.title}`,
      content: {
        title: amount ? "Booking cancelled and refunded" : "Booking cancelled",
        preheader: amount ? `${amount} back to ${b.refund?.destination ?? "your original payment method"}.` : "Its tickets no longer admit anyone.",
        paragraphs: [`Hi ${b.name}, you cancelled this booking. Its tickets no longer admit anyone and the seats are back on sale.`],
        facts: [...refundFacts(b), ...showFacts(b)],
        action: { label: "See the booking", url: b.url },
      },
    },
    booking_refunded_by_staff: {
      subject: amount ? `Refund of ${amount}: ${b.title}` : `Booking cancelled by the venue: ${b.title}`,
      content: {
        title: amount ? "Your booking was refunded" : "Your booking was cancelled",
        preheader: amount ? `${amount} back to ${b.refund?.destination ?? "your original payment method"}.` : "The venue cancelled this booking.",
        paragraphs: [`Hi ${b.name}, the venue's staff cancelled your booking${amount ? " and refunded it in full" : ""}. Its tickets no longer admit anyone.`],
        facts: [...reasonFact(b), ...refundFacts(b), ...showFacts(b)],
        action: { label: "See the booking", url: b.url },
      },
    },
    show_cancelled: {
      subject: `Show cancelled: ${b.title}`,
      content: {
        title: "The show has been cancelled",
        preheader: amount ? `${amount} is being refunded in full.` : "Your booking is cancelled.",
        paragraphs: [`Hi ${b.name}, we're sorry: the venue has cancelled this show. Your booking is cancelled${amount ? " and refunded in full" : ""}.`],
        facts: [...reasonFact(b), ...refundFacts(b), ...showFacts(b)],
        action: { label: "See the booking", url: b.url },
      },
    },
    late_payment_refunded: {
      subject: `Payment refunded: ${b.title}`,
      content: {
        title: "Your seats were released before the payment arrived",
        paragraphs: [`Hi ${b.name}, your payment reached us after your hold had ended and the seats had gone to someone else. We have refunded it in full.`],
        facts: [...refundFacts(b), ...showFacts(b)],
        action: { label: "Pick other seats", url: b.url },
      },
    },
    duplicate_payment_refunded: {
      subject: `Duplicate payment refunded: ${b.title}`,
      content: {
        title: "A second payment was refunded",
        paragraphs: [`Hi ${b.name}, this booking was paid twice; we kept one payment and refunded the other. Your tickets are still valid.`],
        facts: [...refundFacts(b), ...showFacts(b)],
        action: { label: "See the booking", url: b.url },
      },
    },
  };
  return email(copy[kind].subject, copy[kind].content);
}

const SMS_LEAD: Record<BookingEmailKind | "reminder_24h" | "reminder_2h", string> = {
  booking_confirmed: "Booked!",
  booking_cancelled: "Cancelled:",
  booking_refunded_by_staff: "Cancelled by the venue:",
  show_cancelled: "Show cancelled, full refund:",
  late_payment_refunded: "Payment refunded (seats gone):",
  duplicate_payment_refunded: "Duplicate payment refunded:",
  reminder_24h: "Tomorrow:",
  reminder_2h: "Starting soon:",
};

/** One short SMS line (fits two segments). */
export function bookingSms(kind: keyof typeof SMS_LEAD, b: BookingFacts): string {
  const refund = b.refund ? ` Refund ${b.refund.amount}: ${b.refund.arrives.split(" — ")[0]!.toLowerCase()}.` : "";
  return `Marquee ${SMS_LEAD[kind]} ${b.title}, ${b.when}, ${b.venue}. ${admitsText(b.seats)}. Ref ${b.reference}.${refund} ${b.url}`.slice(0, 300);
}

export function reminderEmail(kind: "reminder_24h" | "reminder_2h", b: BookingFacts) {
  const soon = kind === "reminder_2h";
  return email(`${soon ? "Starting soon" : "Tomorrow"}: ${b.title}`, {
    title: soon ? "See you soon!" : "See you tomorrow!",
    preheader: `${b.when} · ${b.venue}`,
    paragraphs: [`Hi ${b.name}, ${soon ? "your show starts in about two hours" : "your show is tomorrow"}.`],
    facts: showFacts(b),
    after: ["Your QR e-ticket is one tap away; have it ready at the door."],
    action: { label: "Open your e-ticket", url: b.url },
    footer: "Don't want reminders? Turn them off in your profile.",
  });
}

export type WaitlistOfferFacts = {
  name: string;
  title: string;
  venue: string;
  when: string; // the show, in the venue's time zone
  places: string[]; // one name per place: seat labels, or the zone's name per unit
  total: string;
  deadline: string; // when the offer ends, in the venue's time zone
  url: string; // checkout of the held booking
};

/** The waitlist came good: places are held for the user until the deadline. */
export function waitlistOfferEmail(o: WaitlistOfferFacts) {
  return email(`Tickets held for you until ${o.deadline}: ${o.title}`, {
    title: "Your waitlist tickets are held",
    preheader: `Yours until ${o.deadline}.`,
    paragraphs: [`Hi ${o.name}, good news from the waitlist: tickets came back and we are holding them for you.`],
    facts: [
      { label: "Show", value: o.title },
      { label: "When", value: o.when },
      { label: "Venue", value: o.venue },
      { label: "Tickets", value: `${admitsText(o.places)} · ${o.total}` },
      { label: "Held until", value: o.deadline },
    ],
    after: ["After that they go to the next person in line."],
    action: { label: "Complete your booking", url: o.url },
  });
}

export function waitlistOfferSms(o: WaitlistOfferFacts): string {
  return `Marquee waitlist: ${admitsText(o.places)} held for you, ${o.title}, ${o.when}. ${o.total}. Book by ${o.deadline}: ${o.url}`.slice(0, 300);
}
