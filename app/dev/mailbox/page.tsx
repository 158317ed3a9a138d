import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { sessionUser } from "@/lib/auth/current-user";
import { canReadDevMailbox } from "@/lib/notifications/mailbox";
import { listOutbox } from "@/lib/notifications/outbox";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  await connection();
  if (!canReadDevMailbox(await sessionUser())) notFound();
  const { to } = await searchParams;
  const messages = await listOutbox({ recipient: typeof to === "string" && to.length < 255 && !to.includes("\u0000") ? to : undefined, limit: 100 });
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold">Dev mailbox</h1>
      <p className="mb-4 text-sm text-slate-600">
        What Marquee would have sent by email and SMS. Only admins see it, only with <code>DEV_MAILBOX=true</code>. Real delivery starts when <code>SMTP_URL</code> is set, and this page goes away.
      </p>
      <form className="mb-4 flex gap-2" method="get">
        <label htmlFor="mb-to" className="sr-only">Recipient</label>
        <input id="mb-to" name="to" defaultValue={to ?? ""} placeholder="Filter by recipient" className="flex-1 rounded-lg border border-slate-300 px-3 py-2" />
        <button className="rounded-lg bg-ink-900 px-4 py-2 text-sm font-medium text-white">Filter</button>
      </form>
      {messages.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No messages.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl bg-white shadow-sm ring-1 ring-black/5" data-testid="mailbox">
          {messages.map((m) => (
            <li key={m.id}>
              <Link href={`/dev/mailbox/${m.id}`} className="flex flex-col gap-0.5 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4">
                <span className="w-20 shrink-0 text-xs font-semibold uppercase text-slate-500">{m.channel}</span>
                <span className="w-64 shrink-0 truncate text-sm">{m.recipient}</span>
                <span className="flex-1 truncate font-medium">{m.subject}</span>
                <time className="text-xs text-slate-500" dateTime={m.createdAt.toISOString()}>
                  {m.createdAt.toLocaleString("en-IN", { timeZone: "Asia/Kolkata", dateStyle: "medium", timeStyle: "short" })}
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
