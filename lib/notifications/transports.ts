// Where outbox messages go. Email: SMTP through nodemailer when SMTP_URL is set, else the dev
// mailbox (the outbox row itself is what /dev/mailbox shows). SMS: Twilio when configured, else
// the dev mailbox too.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import twilio from "twilio";
import { env } from "@/lib/env.js";

export type Attachment = { filename: string; content: Buffer | string; contentType: string; cid?: string };
export type EmailMessage = { to: string; subject: string; text: string; html?: string | null; attachments?: Attachment[] };
export type SmsMessage = { to: string; body: string };

export interface EmailTransport {
  readonly name: string;
  send(message: EmailMessage): Promise<{ id: string }>;
}
export interface SmsTransport {
  readonly name: string;
  send(message: SmsMessage): Promise<{ id: string }>;
}

export function smtpTransport(url: string, from = env().SMTP_FROM): EmailTransport {
  const transporter: Transporter = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    name: "smtp",
    async send(m) {
      const info = await transporter.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html ?? undefined, attachments: m.attachments });
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
  const client = opts.client ?? twilio(opts.accountSid, opts.authToken, { autoRetry: true, maxRetries: 2, timeout: 10_000 });
  return {
    name: "twilio",
    async send(m) {
      const sent = await client.messages.create({ to: m.to, from: opts.from, body: m.body });
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
