"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Confirmed ticket revenue per day (₹): no booking fee, no GST. */
export function RevenueChart({ data }: { data: { day: string; revenueMinor: number; tickets: number }[] }) {
  const rows = data.map((d) => ({ day: d.day.slice(5), revenue: d.revenueMinor / 100, tickets: d.tickets }));
  if (rows.length === 0) return <p className="p-6 text-center text-sm text-slate-500">No sales in the last 30 days yet.</p>;
  return (
    <div className="h-56 w-full" role="img" aria-label={`Ticket revenue by day: ${rows.map((r) => `${r.day} ₹${r.revenue}`).join(", ")}`}>
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis fontSize={12} width={60} tickFormatter={(v: number) => `₹${v.toLocaleString("en-IN")}`} />
          <Tooltip formatter={(v) => [`₹${Number(v).toLocaleString("en-IN")}`, "Ticket revenue"]} />
          <Bar dataKey="revenue" fill="#d41f44" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
