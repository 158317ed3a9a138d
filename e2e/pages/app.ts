// What every page has: hydration before typing, and the header's account menu.
import { expect, type Page } from "@playwright/test";

/** Forms act through React once the page is hydrated; wait for it before typing or clicking. */
export async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
}

export class Header {
  constructor(readonly page: Page) {}

  get userMenu() {
    return this.page.getByTestId("user-menu");
  }
  get signInLink() {
    return this.page.getByRole("link", { name: "Sign in" });
  }

  async expectSignedIn() {
    await expect(this.userMenu).toBeVisible();
  }

  async signOut() {
    await this.userMenu.click();
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.signInLink).toBeVisible();
  }
}
