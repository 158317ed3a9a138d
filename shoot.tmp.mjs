import { chromium } from "@playwright/test";
const base = process.env.BASE ?? "http://127.0.0.1:3150";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
async function session(viewport, login) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  if (login) {
    await page.goto(`${base}/signin`);
    await page.getByLabel("Email").fill(login[0]);
    await page.getByLabel("Password").fill(login[1]);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 30000 });
  }
  return page;
}
const shots = JSON.parse(process.argv[2]);
for (const s of shots) {
  const page = await session(s.viewport, s.login);
  await page.goto(`${base}${s.path}`, { waitUntil: "networkidle" });
  if (s.scroll) await page.evaluate((y) => window.scrollTo(0, y), s.scroll);
  await page.screenshot({ path: `/tmp/shots/${s.name}.png`, fullPage: !!s.full });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(s.name, "overflow", overflow);
  await page.context().close();
}
await browser.close();
