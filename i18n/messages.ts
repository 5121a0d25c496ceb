import type { Locale } from "./locales";

// One catalogue per locale, kept in several files by area so teams can work on them apart;
// each file owns distinct top-level namespaces.
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all([
    import(`../messages/${locale}.json`),
    import(`../messages/${locale}-admin.json`),
  ]);
  return Object.assign({}, ...parts.map((p) => p.default));
}
