import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { inlineImagesFor } from "@/lib/notifications/dispatcher";
import { sessionUser } from "@/lib/auth/current-user";
import { canReadDevMailbox } from "@/lib/notifications/mailbox";
import { getOutboxMessage } from "@/lib/notifications/outbox";

export const metadata: Metadata = { title: "Message", robots: { index: false } };

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id) || !canReadDevMailbox(await sessionUser())) notFound();
  const m = await getOutboxMessage(id);
  if (!m) notFound();
  const links = [...m.bodyText.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  // Images the email carries as attachments (the ticket QR) are shown inline, as a mail client would.
  let html = m.bodyHtml;
  if (html?.includes("cid:")) {
    const images = await inlineImagesFor(m).catch(() => ({}) as Record<string, Buffer>);
    for (const [cid, png] of Object.entries(images)) html = html.replaceAll(`cid:${cid}`, `data:image/png;base64,${png.toString("base64")}`);
  }
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <Link href="/dev/mailbox" className="text-sm text-brand-600 hover:underline">‹ Dev mailbox</Link>
      <header className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5">
        <h1 className="text-xl font-bold">{m.subject}</h1>
        <p className="text-sm text-slate-600">To {m.recipient} · {m.channel} · {m.status.toLowerCase()}</p>
        {links.length > 0 && (
          <ul className="mt-2 text-sm" aria-label="Links in this message">
            {links.map((l) => (
              // Same-origin links open in the app; the raw text body is below.
              <li key={l}><a href={l} className="break-all text-brand-600 underline">{l}</a></li>
            ))}
          </ul>
        )}
      </header>
      {html && (
        <iframe title="Message as HTML" srcDoc={html} sandbox="" className="h-[44rem] w-full rounded-xl bg-white ring-1 ring-black/5" />
      )}
      <pre className="whitespace-pre-wrap rounded-xl bg-white p-4 text-sm ring-1 ring-black/5 [overflow-wrap:anywhere]">{m.bodyText}</pre>
    </article>
  );
}
