// axe-core over the page as it stands, WCAG 2.1 A and AA rules: a serious or critical violation
// is reported (softly, so one run lists every page's) with the rule, the elements and axe's fix.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function expectNoSeriousViolations(page: Page, what: string) {
  // "load", not "networkidle": the seat map and check-in poll, so the network never idles.
  await page.waitForLoadState("load");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `  ${n.target.join(" ")} — ${n.failureSummary?.split("\n").join(" ")}`).join("\n")}`);
  expect.soft(report, `axe on ${what} (${page.url()})`).toEqual([]);
}
