// The specs' `test`: Playwright's, with accounts and signed-in pages as fixtures.
//
// - `page` stays the anonymous visitor.
// - `user` is a customer account registered through the API for this test alone, so no two
//   tests share a booking history, holds or sign-in counters; `newUser()` makes more of them.
// - `asBuyer` is a page in its own browser context signed in as `user`; `asCustomer`, `asStaff`,
//   `asDoor` and `asAdmin` are the seeded demo accounts (the customer has a booking history).
// - `signedIn(account)` opens one more such page for any account.
// Every signed-in page signs in through Auth.js' endpoint, not the form: only tests of signing in
// itself (accounts.spec.ts, and seating's "selection survives signing in") fill the form in.
// The contexts are closed when the test ends.
import { test as base, type BrowserContext, type Page } from "@playwright/test";
import { DEMO, registerBuyer, signInThroughApi, type Account, type Buyer } from "./api";

type Fixtures = {
  user: Buyer;
  newUser: () => Promise<Buyer>;
  signedIn: (account: Account) => Promise<Page>;
  asBuyer: Page;
  asCustomer: Page;
  asStaff: Page;
  asDoor: Page;
  asAdmin: Page;
};

export const test = base.extend<Fixtures>({
  newUser: async ({ request }, provide) => {
    await provide(() => registerBuyer(request));
  },
  user: async ({ newUser }, provide) => {
    await provide(await newUser());
  },
  signedIn: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (account) => {
      // browser.newContext() in the test runner takes the project's options (baseURL, device, permissions).
      const context = await browser.newContext();
      contexts.push(context);
      await signInThroughApi(context.request, account);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  asBuyer: async ({ signedIn, user }, provide) => provide(await signedIn(user)),
  asCustomer: async ({ signedIn }, provide) => provide(await signedIn(DEMO.customer)),
  asStaff: async ({ signedIn }, provide) => provide(await signedIn(DEMO.staff)),
  asDoor: async ({ signedIn }, provide) => provide(await signedIn(DEMO.door)),
  asAdmin: async ({ signedIn }, provide) => provide(await signedIn(DEMO.admin)),
});

export { expect } from "@playwright/test";
