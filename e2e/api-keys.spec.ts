// Partner API keys, end to end: an admin makes a key in the admin area, sees it once, a partner
// calls the API with it, the admin revokes it, and the API then refuses it.
import { expect, test } from "./fixtures";
import { unique } from "./api";
import { expectNoSeriousViolations } from "./support/axe";

test("an admin creates a key, sees it once, uses it, revokes it, and the API then answers 401", async ({ asAdmin: page, baseURL }) => {
  const name = `E2E partner ${unique()}`;
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "/admin/api-keys as admin");

  const form = page.getByTestId("new-api-key-form");
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: /catalog:read/ }).check();
  await form.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByTestId("new-api-key");
  await expect(shown).toContainText("you will not see this key again");
  await expectNoSeriousViolations(page, "/admin/api-keys with a new key shown");
  const key = await shown.getByTestId("new-api-key-value").inputValue();
  expect(key).toMatch(/^mqk_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$/);
  const prefix = `${key.slice(0, 16)}…`;

  // A partner's call, from outside the browser.
  const call = () => fetch(`${baseURL}/api/v1/cities`, { headers: { authorization: `Bearer ${key}` } });
  const ok = await call();
  expect(ok.status).toBe(200);
  expect((await ok.json()).items.length).toBeGreaterThan(0);

  // Once the page is left, the key is gone for good: the list shows only its prefix.
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  const row = page.getByTestId(`api-key-${prefix}`);
  await expect(row).toContainText(name);
  await expect(row).toContainText("active");
  expect(await page.content()).not.toContain(key.slice(17));

  // Revoking asks first.
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("This cannot be undone");
  await row.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId(`api-key-${prefix}`)).toContainText("revoked");

  // Revocation takes effect at once (each server caches a key for at most a second).
  await expect.poll(async () => (await call()).status, { timeout: 5_000 }).toBe(401);
  const refused = await call();
  expect((await refused.json()).error.code).toBe("UNAUTHORIZED");
});

test("staff are offered only the scopes and venues they may grant", async ({ asStaff: page }) => {
  await page.goto("/admin/api-keys");
  const form = page.getByTestId("new-api-key-form");
  await expect(form.getByRole("checkbox", { name: /catalog:read/ })).toBeVisible();
  await expect(form.getByRole("checkbox", { name: /venue:manage/ })).toBeVisible();
  await expect(form.getByRole("checkbox", { name: /bookings:write/ })).toHaveCount(0);
});

test("rolling a key shows the new one once; with no overlap the old one stops at once", async ({ asAdmin: page, baseURL }) => {
  const name = `E2E rolled ${unique()}`;
  await page.goto("/admin/api-keys");
  const form = page.getByTestId("new-api-key-form");
  await form.getByLabel("Name").fill(name);
  await form.getByRole("checkbox", { name: /catalog:read/ }).check();
  await form.getByRole("button", { name: "Create key" }).click();
  const oldKey = await page.getByTestId("new-api-key").getByTestId("new-api-key-value").inputValue();
  await page.reload();

  const row = page.getByTestId(`api-key-${oldKey.slice(0, 16)}…`);
  await row.getByRole("button", { name: `Roll ${name}` }).click();
  await row.getByLabel("The old key keeps working").selectOption("0");
  await row.getByRole("button", { name: "Roll key" }).click();
  const newKey = await row.getByTestId("new-api-key-value").inputValue();
  expect(newKey).not.toBe(oldKey);

  const status = async (key: string) => (await fetch(`${baseURL}/api/v1/cities`, { headers: { authorization: `Bearer ${key}` } })).status;
  expect(await status(newKey)).toBe(200);
  await expect.poll(() => status(oldKey), { timeout: 5_000 }).toBe(401);
});
