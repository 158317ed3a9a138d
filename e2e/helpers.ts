import { expect, type Page } from "@playwright/test";

/** Forms act through React once the page is hydrated; wait for it before typing or clicking. */
export async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
}

export async function signIn(page: Page, email: string, password: string) {
  await open(page, "/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
}
