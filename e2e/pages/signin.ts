// The sign-in and sign-up forms. Only the sign-in tests use them: every other test is signed in
// through the API (fixtures.ts).
import type { Page } from "@playwright/test";
import type { Account } from "../api";
import { Header, open } from "./app";

export class SignInPage {
  constructor(readonly page: Page) {}

  get email() {
    return this.page.getByLabel("Email");
  }
  get password() {
    return this.page.getByLabel("Password");
  }
  get submitButton() {
    return this.page.getByRole("button", { name: "Sign in" });
  }
  get forgotLink() {
    return this.page.getByRole("link", { name: "Forgot your password?" });
  }
  get error() {
    return this.page.getByRole("alert").filter({ hasText: "Email or password is incorrect." });
  }

  async goto() {
    await open(this.page, "/signin");
  }

  /** Fills the form in and sends it, wherever it is (also when sign-in was asked for on the way). */
  async submit(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submitButton.click();
  }

  /** Opens the form, signs in and waits for the header to show the account. */
  async signIn(account: Pick<Account, "email" | "password">) {
    await this.goto();
    await this.submit(account.email, account.password);
    await new Header(this.page).expectSignedIn();
  }
}

export class SignUpPage {
  constructor(readonly page: Page) {}

  get name() {
    return this.page.getByLabel("Full name");
  }
  get email() {
    return this.page.getByLabel("Email");
  }
  get phone() {
    return this.page.getByLabel("Mobile number");
  }
  get password() {
    return this.page.getByLabel("Password");
  }
  get submitButton() {
    return this.page.getByRole("button", { name: "Create account" });
  }

  async goto() {
    await open(this.page, "/signup");
  }

  async fill(account: { name: string; email: string; phone: string }) {
    await this.name.fill(account.name);
    await this.email.fill(account.email);
    await this.phone.fill(account.phone);
  }

  async submit(password: string) {
    await this.password.fill(password);
    await this.submitButton.click();
  }
}
