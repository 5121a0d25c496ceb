import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * The message catalogue areas the browser gets, per part of the app. Every page embeds what its
 * provider passes in its render payload; the whole catalogue was a fifth of the inbox page. A
 * client component's `useTranslations("area")` must find its area in the list of each page that
 * shows it; server components read the full catalogue on the server.
 */
export const CLIENT_MESSAGES = {
  /** app/error.tsx, on every page. */
  everywhere: ["errors"],
  signIn: ["errors", "login", "password"],
  inbox: ["errors", "live", "assign", "bulk", "conversation", "closeDialog", "reply", "picker"],
} as const;

export async function ClientMessages({ areas, children }: { areas: readonly string[]; children: React.ReactNode }) {
  const all = (await getMessages()) as Record<string, unknown>;
  const messages = Object.fromEntries(areas.filter((area) => area in all).map((area) => [area, all[area]]));
  return <NextIntlClientProvider messages={messages as Parameters<typeof NextIntlClientProvider>[0]["messages"]}>{children}</NextIntlClientProvider>;
}
