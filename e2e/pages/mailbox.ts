// The dev mailbox (/dev/mailbox, DEV_MAILBOX=true): every message the app sent, for admins.
import type { Page } from "@playwright/test";

export class Mailbox {
  constructor(readonly page: Page) {}

  /** The first link in the newest message to `to` whose subject matches. */
  async firstLink(to: string, subject: RegExp): Promise<string> {
    await this.page.goto(`/dev/mailbox?${new URLSearchParams({ to })}`);
    await this.page.getByTestId("mailbox").getByRole("link", { name: subject }).click();
    return (await this.page.getByRole("list", { name: "Links in this message" }).getByRole("link").first().getAttribute("href"))!;
  }
}
