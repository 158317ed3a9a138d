import type { Metadata } from "next";
import { CreateApiKeyForm, KeyActions } from "@/components/admin/api-keys";
import { requireStaffPage } from "@/lib/admin/access";
import { grantableScopes, listApiKeys, type ApiKeyStatus, type ApiKeySummary } from "@/lib/admin/api-keys";
import { venueTime } from "@/lib/admin/time";
import { listManagedVenues } from "@/lib/admin/venues";
import { API_SCOPES } from "@/lib/auth/scopes";

export const metadata: Metadata = { title: "Admin · API keys" };

// Keys are platform-wide, so their times are shown in India time, like promo codes.
const ZONE = "Asia/Kolkata";

const STATUS_STYLE: Record<ApiKeyStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  revoked: "bg-slate-100 text-slate-600 ring-slate-300",
  expired: "bg-amber-50 text-amber-800 ring-amber-200",
};

function Status({ status }: { status: ApiKeyStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATUS_STYLE[status]}`}>{status}</span>;
}

const when = (d: Date | null, none: string) => (d ? venueTime(d, ZONE) : none);

function Scopes({ k }: { k: ApiKeySummary }) {
  return (
    <span className="flex flex-wrap gap-1">
      {k.scopes.map((s) => (
        <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{s}</span>
      ))}
    </span>
  );
}

const venueList = (k: ApiKeySummary) => (k.venues.length ? k.venues.map((v) => v.name).join(", ") : "—");

export default async function ApiKeysAdmin() {
  const user = await requireStaffPage("/admin/api-keys");
  const [keys, venues] = await Promise.all([listApiKeys(user), listManagedVenues(user)]);
  const scopes = grantableScopes(user).map((name) => ({ name, description: API_SCOPES[name] }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">API keys</h1>
        <p className="mt-1 text-sm text-slate-600">
          Partner apps call the API with <code className="rounded bg-slate-100 px-1">Authorization: Bearer mqk_…</code>. A key with bookings:write books for the customer named in an{" "}
          <code className="rounded bg-slate-100 px-1">On-Behalf-Of: &lt;email&gt;</code> header. {user.role === "admin" ? "You see every key." : "You see keys for your venues and the ones you made."} Times are India time.
        </p>
      </div>

      {keys.length === 0 ? <p className="rounded-2xl bg-white p-4 text-sm text-slate-600 shadow-sm ring-1 ring-black/5">No API keys yet.</p> : null}

      <ul className="space-y-2 md:hidden" data-testid="api-key-cards">
        {keys.map((k) => (
          <li key={k.id} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-black/5" data-testid={`api-key-card-${k.prefix}`}>
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="break-words font-semibold">{k.name}</p>
                <p className="font-mono text-xs text-slate-600">{k.prefix}</p>
              </div>
              <Status status={k.status} />
            </div>
            <Scopes k={k} />
            {k.venues.length ? <p className="text-xs text-slate-600">Venues: {venueList(k)}</p> : null}
            <p className="text-xs text-slate-500">By {k.createdBy} · {when(k.createdAt, "")}</p>
            <p className="text-xs text-slate-500">Last used {when(k.lastUsedAt, "never")} · expires {when(k.expiresAt, "never")} · {k.rateLimitPerMinute}/min</p>
            {k.revokedAt ? <p className="text-xs text-slate-500">Revoked {when(k.revokedAt, "")}</p> : null}
            <KeyActions keyId={k.id} name={k.name} active={k.status === "active"} />
          </li>
        ))}
      </ul>

      {keys.length ? (
        <div className="hidden overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-black/5 md:block">
          <table className="w-full min-w-[980px] text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Name</th>
                <th scope="col" className="py-2 pr-3 font-medium">Key</th>
                <th scope="col" className="py-2 pr-3 font-medium">Scopes</th>
                <th scope="col" className="py-2 pr-3 font-medium">Venues</th>
                <th scope="col" className="py-2 pr-3 font-medium">Created</th>
                <th scope="col" className="py-2 pr-3 font-medium">Last used</th>
                <th scope="col" className="py-2 pr-3 font-medium">Expires</th>
                <th scope="col" className="py-2 pr-4 font-medium">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className="border-t border-slate-100 align-top" data-testid={`api-key-${k.prefix}`}>
                  <td className="px-4 py-2 font-semibold">{k.name}<span className="block text-xs font-normal text-slate-500">{k.rateLimitPerMinute}/min</span></td>
                  <td className="py-2 pr-3 font-mono text-xs">{k.prefix}</td>
                  <td className="py-2 pr-3"><Scopes k={k} /></td>
                  <td className="py-2 pr-3 text-xs">{venueList(k)}</td>
                  <td className="py-2 pr-3 text-xs text-slate-600">{when(k.createdAt, "")}<span className="block">by {k.createdBy}</span></td>
                  <td className="py-2 pr-3 text-xs text-slate-600">{when(k.lastUsedAt, "never")}</td>
                  <td className="py-2 pr-3 text-xs text-slate-600">{when(k.expiresAt, "never")}</td>
                  <td className="py-2 pr-4">
                    <div className="flex flex-col items-start gap-1">
                      <Status status={k.status} />
                      <KeyActions keyId={k.id} name={k.name} active={k.status === "active"} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <section aria-labelledby="new-key" className="space-y-3">
        <h2 id="new-key" className="text-xl font-bold">New API key</h2>
        <CreateApiKeyForm
          scopes={scopes}
          venues={venues.map((v) => ({ id: v.id, name: v.name }))}
          adminNote={user.role === "admin" ? undefined : "Booking on behalf of customers (bookings:write) is granted by admins."}
        />
      </section>
    </div>
  );
}
