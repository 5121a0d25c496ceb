import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import enAdmin from "../../../messages/en-admin.json" with { type: "json" };
import enMain from "../../../messages/en.json" with { type: "json" };
import esAdmin from "../../../messages/es-admin.json" with { type: "json" };
import esMain from "../../../messages/es.json" with { type: "json" };
import { LOCALE_COOKIE, type Locale } from "../../../i18n/locales";

/** WCAG 2.1 A and AA: what the product promises (plus the one best-practice rule enabled below). */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

/** The interface's catalogue for a locale, so one test finds the same controls in Spanish and English. */
export const CATALOGUE = { es: { ...esMain, ...esAdmin }, en: { ...enMain, ...enAdmin } } as const;
export type Catalogue = (typeof CATALOGUE)[Locale];

/** Later requests of this context render in `locale` (the language switch's cookie). */
export async function chooseLocale(context: BrowserContext, baseURL: string, locale: Locale) {
  await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL }]);
}

/** What to check: the whole page, or only an open dialog (Radix makes the page behind it inert; it is checked on its own). */
export interface Scope {
  within?: string;
  widths?: readonly number[];
}

export const DIALOG: Scope = { within: '[role="dialog"]' };

/**
 * Runs axe at every size and records each violation softly (the test goes on to the other screens),
 * named so the failure says where and what: rule, summary, elements.
 */
export async function expectAccessible(page: Page, where: string, { within, widths }: Scope = {}) {
  for (const viewport of VIEWPORTS.filter((v) => !widths || widths.includes(v.width))) {
    await page.setViewportSize(viewport);
    // A resize re-lays the page out: let media queries settle before reading colours.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // A best-practice rule, not WCAG, but the product promises it: every page is found by its <h1>.
    // (options() replaces what withTags() set, so it comes first.)
    let axe = new AxeBuilder({ page })
      .options({ rules: { "page-has-heading-one": { enabled: true } }, resultTypes: ["violations"] })
      .withTags(WCAG_21_AA)
      // axe.run in the page itself: the default opens a blank page per check to merge frames'
      // results (about 0.4 s each here), and the app has no iframes.
      .setLegacyMode(true);
    if (within) axe = axe.include(within);
    const { violations } = await axe.analyze();
    const found = violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`).join("\n")}`,
    );
    expect.soft(found, `axe violations on ${where} at ${viewport.width}px`).toEqual([]);
  }
  expect.soft(await page.locator("h1").count(), `<h1> elements on ${where}`).toBe(1);
}
