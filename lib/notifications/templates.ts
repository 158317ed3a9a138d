// Message bodies: a plain-text version and a small, inline-styled HTML one.
import { admitsText } from "@/lib/format/places";
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function html(title: string, paragraphs: string[], action?: { label: string; url: string }, image?: { cid: string; alt: string }) {
  return `<!doctype html><html><body style="margin:0;background:#f8fafc;font-family:system-ui,sans-serif;color:#1f2033">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:12px;padding:28px">
<tr><td><p style="margin:0 0 16px;font-weight:800;font-size:20px"><span style="background:#f84464;color:#fff;border-radius:6px;padding:2px 8px">M</span> Marquee</p>
<h1 style="font-size:20px;margin:0 0 12px">${esc(title)}</h1>
${paragraphs.map((p) => `<p style="margin:0 0 12px;line-height:1.5">${esc(p)}</p>`).join("\n")}
${image ? `<p style="margin:16px 0;text-align:center"><img src="cid:${esc(image.cid)}" width="220" height="220" alt="${esc(image.alt)}" style="display:inline-block"></p>` : ""}
${action ? `<p style="margin:20px 0"><a href="${esc(action.url)}" style="background:#f84464;color:#fff;text-decoration:none;padding:10px 18px;border-radius:8px;font-weight:600">${esc(action.label)}</a></p><p style="font-size:12px;color:#64748b;word-break:break-all">${esc(action.url)}</p>` : ""}
</td></tr></table></td></tr></table></body></html>`;
}

export function passwordResetEmail(name: string, url: string, minutes: number) {
  const lines = [`Hi ${name},`, `Someone (hopefully you) asked to reset your Marquee password. The link works once, for ${minutes} minutes.`, "If it wasn't you, ignore this email: your password stays as it is."];
  return {
    subject: "Reset your Marquee password",
    bodyText: `${lines.join("\n\n")}\n\nReset your password: ${url}\n`,
    bodyHtml: html("Reset your password", lines, { label: "Choose a new password", url }),
  };
}

export function verifyEmail(name: string, url: string) {
  const lines = [`Welcome to Marquee, ${name}!`, "Confirm your email address so we can send you tickets and reminders."];
  return {
    subject: "Confirm your email for Marquee",
    bodyText: `${lines.join("\n\n")}\n\nConfirm: ${url}\n`,
    bodyHtml: html("Confirm your email", lines, { label: "Confirm email", url }),
  };
}

export type BookingFacts = {
  name: string;
  reference: string;
  title: string;
  venue: string;
  when: string; // already in the venue's time zone
  seats: string[];
  total: string;
  url: string;
};

const bookingLines = (b: BookingFacts) => [`${b.title}`, `${b.when} · ${b.venue}`, `${admitsText(b.seats)} · Booking ${b.reference}`];

export function bookingEmail(kind: "booking_confirmed" | "booking_cancelled" | "show_cancelled" | "late_payment_refunded" | "duplicate_payment_refunded" | "booking_refunded", b: BookingFacts) {
  const copy = {
    booking_confirmed: { subject: `Your tickets: ${b.title}`, title: "You're going!", intro: `Hi ${b.name}, your booking is confirmed. Show the QR code on your e-ticket at the door.`, action: "Open your e-ticket", extra: `Paid ${b.total}.` },
    booking_cancelled: { subject: `Booking cancelled: ${b.title}`, title: "Booking cancelled", intro: `Hi ${b.name}, your booking was cancelled and its tickets no longer admit anyone.`, action: "See the booking", extra: `A refund of ${b.total} is on its way to your original payment method.` },
    show_cancelled: { subject: `Show cancelled: ${b.title}`, title: "The show has been cancelled", intro: `Hi ${b.name}, we're sorry: the venue has cancelled this show.`, action: "See the booking", extra: `Your booking is cancelled and ${b.total} is being refunded in full to your original payment method.` },
    booking_refunded: { subject: `Refund sent: ${b.title}`, title: "Refund sent", intro: `Hi ${b.name}, we have refunded ${b.total} to your original payment method.`, action: "See the booking", extra: "Banks usually show it within 5–7 working days." },
    late_payment_refunded: { subject: `Payment refunded: ${b.title}`, title: "Your seats were released before the payment arrived", intro: `Hi ${b.name}, your payment reached us after your hold had ended and the seats had gone to someone else.`, action: "Pick other seats", extra: `We have refunded ${b.total} in full; you have not been charged.` },
    duplicate_payment_refunded: { subject: `Duplicate payment refunded: ${b.title}`, title: "A second payment was refunded", intro: `Hi ${b.name}, this booking was paid twice; we kept one payment and refunded the other.`, action: "See the booking", extra: `Refunded: ${b.total}.` },
  }[kind];
  const lines = [copy.intro, ...bookingLines(b), copy.extra];
  return {
    subject: copy.subject,
    bodyText: `${lines.join("\n\n")}\n\n${copy.action}: ${b.url}\n`,
    bodyHtml: html(copy.title, lines, { label: copy.action, url: b.url }, kind === "booking_confirmed" ? { cid: "ticket-qr", alt: `QR code of ticket ${b.reference}` } : undefined),
  };
}

const SMS_LEAD: Record<Parameters<typeof bookingEmail>[0] | "reminder_24h" | "reminder_2h", string> = {
  booking_confirmed: "Booked!",
  booking_cancelled: "Cancelled:",
  show_cancelled: "Show cancelled, full refund:",
  booking_refunded: "Refund sent:",
  late_payment_refunded: "Payment refunded (seats gone):",
  duplicate_payment_refunded: "Duplicate payment refunded:",
  reminder_24h: "Tomorrow:",
  reminder_2h: "Starting soon:",
};

/** One short SMS line (fits two segments). */
export function bookingSms(kind: keyof typeof SMS_LEAD, b: BookingFacts): string {
  return `Marquee ${SMS_LEAD[kind]} ${b.title}, ${b.when}, ${b.venue}. ${admitsText(b.seats)}. Ref ${b.reference}. ${b.url}`.slice(0, 300);
}

export function reminderEmail(kind: "reminder_24h" | "reminder_2h", b: BookingFacts) {
  const soon = kind === "reminder_2h";
  const lines = [
    `Hi ${b.name}, ${soon ? "your show starts in about two hours" : "your show is tomorrow"}.`,
    ...bookingLines(b),
    "Your QR e-ticket is one tap away; have it ready at the door.",
  ];
  return {
    subject: `${soon ? "Starting soon" : "Tomorrow"}: ${b.title}`,
    bodyText: `${lines.join("\n\n")}\n\nYour ticket: ${b.url}\n\nDon't want reminders? Turn them off in your profile.\n`,
    bodyHtml: html(soon ? "See you soon!" : "See you tomorrow!", [...lines, "Don't want reminders? Turn them off in your profile."], { label: "Open your e-ticket", url: b.url }),
  };
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
  const lines = [
    `Hi ${o.name}, good news from the waitlist: tickets came back and we are holding them for you.`,
    `${o.title}`,
    `${o.when} · ${o.venue}`,
    `${admitsText(o.places)} · ${o.total}`,
    `They are yours until ${o.deadline}. After that they go to the next person in line.`,
  ];
  return {
    subject: `Tickets held for you until ${o.deadline}: ${o.title}`,
    bodyText: `${lines.join("\n\n")}\n\nComplete your booking: ${o.url}\n`,
    bodyHtml: html("Your waitlist tickets are held", lines, { label: "Complete your booking", url: o.url }),
  };
}

export function waitlistOfferSms(o: WaitlistOfferFacts): string {
  return `Marquee waitlist: ${admitsText(o.places)} held for you, ${o.title}, ${o.when}. ${o.total}. Book by ${o.deadline}: ${o.url}`.slice(0, 300);
}
