// The demo accounts, one per role: seeded by users.ts, shown in the README, used by the e2e specs.
// Plain data, so Playwright loads it as well as the seed.
export const DEMO_LOGINS = [
  { role: "admin", name: "Asha Admin", email: "admin@marquee.test", password: "Marquee-admin-1" },
  { role: "staff", name: "Sameer Staff", email: "staff@marquee.test", password: "Marquee-staff-1" },
  { role: "scanner", name: "Devi Door", email: "scanner@marquee.test", password: "Marquee-scan-1" },
  { role: "customer", name: "Priya Sharma", email: "priya@marquee.test", password: "Marquee-demo-1" },
] as const;
