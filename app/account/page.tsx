import type { Metadata } from "next";
import Link from "next/link";
import { removePaymentMethod, saveNotificationPreferences } from "@/app/actions/account";
import { getPreferences } from "@/lib/notifications/preferences";
import { requirePageUser } from "@/lib/auth/require-page-user";
import { describeMethod, listSavedMethods } from "@/lib/payments/saved-methods";
import { MyWaitlist } from "@/components/waitlist/my-waitlist";

export const metadata: Metadata = { title: "Your account" };

const ROLE_LABEL = { customer: "Customer", staff: "Venue staff", scanner: "Door staff", admin: "Administrator" } as const;

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string; reset?: string }> }) {
  const user = await requirePageUser("/account");
  const sp = await searchParams;
  const [methods, prefs] = await Promise.all([listSavedMethods(user.id), getPreferences(user.id)]);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {(sp.welcome || sp.reset) && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-800 ring-1 ring-emerald-200">
          {sp.welcome ? "Welcome to Marquee! We've sent a link to confirm your email." : "Your password has been changed."}
        </p>
      )}
      <section aria-labelledby="profile" className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
        <h1 id="profile" className="text-2xl font-bold">
          {user.name}
        </h1>
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Email</dt>
            <dd className="font-medium">
              {user.email}{" "}
              {user.emailVerifiedAt ? (
                <span className="ml-1 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800">verified</span>
              ) : (
                <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">not confirmed yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Mobile</dt>
            <dd className="font-medium">{user.phone ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Account type</dt>
            <dd className="font-medium">{ROLE_LABEL[user.role]}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Member since</dt>
            <dd className="font-medium">{user.createdAt.toLocaleDateString("en-IN", { month: "long", year: "numeric", timeZone: "Asia/Kolkata" })}</dd>
          </div>
        </dl>
        <p className="mt-5">
          <Link href="/account/bookings" className="inline-block rounded-lg bg-ink-900 px-4 py-2 text-sm font-medium text-white">
            Your bookings
          </Link>
        </p>
      </section>
      <MyWaitlist userId={user.id} />

      <section aria-labelledby="methods" className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
        <h2 id="methods" className="text-lg font-semibold">
          Saved payment methods
        </h2>
        <p className="mb-3 text-sm text-slate-600">Saved securely by the payment gateway when you pay; we keep only the brand and last four digits.</p>
        {methods.length === 0 ? (
          <p className="text-sm text-slate-500">None yet. Tick &ldquo;save for next time&rdquo; at checkout to add one.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="payment-methods">
            {methods.map((m) => (
              <li key={m.id} className="flex items-center justify-between py-3">
                <span>{describeMethod(m)}</span>
                <form action={removePaymentMethod}>
                  <input type="hidden" name="id" value={m.id} />
                  <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:border-red-400 hover:text-red-700">
                    Remove
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="notifications" className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-black/5">
        <h2 id="notifications" className="text-lg font-semibold">
          Notifications
        </h2>
        <p className="mt-1 text-sm text-slate-600">Cancellations and refunds always reach your email; the rest is up to you.</p>
        <form action={saveNotificationPreferences} className="mt-3 space-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="notifyEmail" defaultChecked={prefs.notifyEmail} /> Booking confirmations and tickets by email
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="notifySms" defaultChecked={prefs.notifySms} disabled={!prefs.phone} /> Text messages to {prefs.phone ?? "your mobile (add one to your profile)"}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="showReminders" defaultChecked={prefs.showReminders} /> Reminders 24 hours and 2 hours before each show
          </label>
          <button className="mt-2 rounded-lg bg-ink-900 px-4 py-2 font-semibold text-white">Save choices</button>
        </form>
      </section>
    </div>
  );
}
