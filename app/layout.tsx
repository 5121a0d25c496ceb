import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { ClientMessages, CLIENT_MESSAGES } from "@/components/i18n/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts),
  // which a page prerendered at build time could not have.
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="h-full bg-slate-50 font-sans text-slate-900 antialiased">
        <ClientMessages areas={CLIENT_MESSAGES.everywhere}>{children}</ClientMessages>
      </body>
    </html>
  );
}
