import { getTranslations } from "next-intl/server";
import { AppHeader } from "@/components/layout/app-header";
import { ANNOUNCER_ID } from "@/components/live/announcer";
import { requireActor } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const [actor, t] = await Promise.all([requireActor(), getTranslations("app")]);
  return (
    <div className="flex h-full flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        {t("skipToContent")}
      </a>
      <AppHeader actor={actor} />
      {/* Focusable from the skip link (tabindex -1), so the next Tab starts inside the content. */}
      <main id="main" tabIndex={-1} className="flex min-h-0 flex-1 flex-col focus:outline-none">
        {children}
      </main>
      <div id={ANNOUNCER_ID} aria-live="polite" className="sr-only" />
    </div>
  );
}
