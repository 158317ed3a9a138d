// Where outbox messages go. Email: SMTP through nodemailer when SMTP_URL is set, else the dev
// mailbox (the outbox row itself is what /dev/mailbox shows). SMS: Twilio when configured, else
// the dev mailbox too.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import twilio from "twilio";
import { env } from "@/lib/env.js";

export type Attachment = { filename: string; content: Buffer | string; contentType: string; cid?: string };
export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: Attachment[];
  /** The same for every try of one outbox message: a resend after a lost reply is recognisably the same email. */
  messageId?: string;
};
export type SmsMessage = { to: string; body: string };

export interface EmailTransport {
  readonly name: string;
  send(message: EmailMessage): Promise<{ id: string }>;
}
export interface SmsTransport {
  readonly name: string;
  send(message: SmsMessage): Promise<{ id: string }>;
}

/** nodemailer's limits, in ms, for each step of an SMTP send (its defaults wait minutes). */
export const SMTP_TIMEOUTS = { dnsTimeout: 10_000, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
/**
 * The longest one email send may take, all steps together. socketTimeout only bounds silence, so a
 * server that trickles could hold a send for ever: the send is given up at this deadline too.
 */
export const EMAIL_SEND_TIMEOUT_MS = Object.values(SMTP_TIMEOUTS).reduce((a, b) => a + b, 0);
const TWILIO = { timeout: 10_000, maxRetries: 2 };
/** The longest one SMS send may take: each try, plus up to 5 s of the SDK's backoff between tries. */
export const SMS_SEND_TIMEOUT_MS = (TWILIO.maxRetries + 1) * TWILIO.timeout + TWILIO.maxRetries * 5_000;

/** `work`, or a rejection once `ms` have passed. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function smtpTransport(url: string, from = env().SMTP_FROM, timeouts = SMTP_TIMEOUTS): EmailTransport {
  // createTransport(url, options) would take the options as message defaults and drop them.
  const transporter: Transporter = nodemailer.createTransport(new SMTPTransport({ url, ...timeouts }));
  const limit = Object.values(timeouts).reduce((a, b) => a + b, 0);
  return {
    name: "smtp",
    async send(m) {
      const info = await withDeadline(transporter.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html ?? undefined, attachments: m.attachments, messageId: m.messageId }), limit, "SMTP send");
      return { id: String(info.messageId) };
    },
  };
}

export const devMailbox: EmailTransport & SmsTransport = {
  name: "dev-mailbox",
  async send() {
    return { id: "dev-mailbox" };
  },
};

export function twilioTransport(opts: { accountSid: string; authToken: string; from: string; client?: ReturnType<typeof twilio> }): SmsTransport {
  const client = opts.client ?? twilio(opts.accountSid, opts.authToken, { autoRetry: true, maxRetries: TWILIO.maxRetries, timeout: TWILIO.timeout });
  return {
    name: "twilio",
    async send(m) {
      const sent = await withDeadline(client.messages.create({ to: m.to, from: opts.from, body: m.body }), SMS_SEND_TIMEOUT_MS, "Twilio send");
      return { id: sent.sid };
    },
  };
}

let overrides: { email?: EmailTransport; sms?: SmsTransport } = {};

/** Tests: send through these (e.g. SMTP to a local smtp-server) until reset with {}. */
export function setTransportsForTests(t: { email?: EmailTransport; sms?: SmsTransport }): void {
  overrides = t;
}

let cachedSmtp: { url: string; transport: EmailTransport } | undefined;

export function emailTransport(): EmailTransport {
  if (overrides.email) return overrides.email;
  const url = env().SMTP_URL;
  if (!url) return devMailbox;
  if (cachedSmtp?.url !== url) cachedSmtp = { url, transport: smtpTransport(url) };
  return cachedSmtp.transport;
}

export function smsTransport(): SmsTransport {
  if (overrides.sms) return overrides.sms;
  const e = env();
  if (e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM) return twilioTransport({ accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_FROM });
  return devMailbox;
}
