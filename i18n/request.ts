import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, toLocale } from "./locales";
import { loadMessages } from "./messages";

// Spanish unless the person chose English (a cookie set by the language switch).
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    timeZone: process.env.TURNO_TIME_ZONE ?? "America/Bogota",
    messages: await loadMessages(locale),
  };
});
