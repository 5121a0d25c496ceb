import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requirePage } from "@/lib/access/session";
import { listContacts } from "@/lib/crm/list-contacts";
import { isCleanText } from "@/lib/text";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contacts"))("title") };
}

// Anything unreadable (a repeated parameter, a NUL or lone surrogate) falls back to no filter.
const params = z.object({
  q: z.string().trim().max(100).refine(isCleanText).optional().catch(undefined),
  after: z.string().max(400).refine(isCleanText).optional().catch(undefined),
});

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor } = await requirePage("seeContacts");
  const { q, after } = params.parse(await searchParams);
  const [t, page] = await Promise.all([
    getTranslations("contacts"),
    listContacts(await getDb(), actor, { search: q, after }),
  ]);
  const base = q ? `?q=${encodeURIComponent(q)}` : "";
  return (
    <div className="mx-auto w-full max-w-5xl flex-1 space-y-4 overflow-y-auto p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <form method="get" role="search" className="ml-auto flex gap-2">
          <label htmlFor="contacts-q" className="sr-only">
            {t("searchPlaceholder")}
          </label>
          <input
            id="contacts-q"
            name="q"
            type="search"
            defaultValue={q ?? ""}
            placeholder={t("searchPlaceholder")}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          <button type="submit" className="rounded-md bg-brand-600 px-3 text-sm font-medium text-white">
            {t("search")}
          </button>
        </form>
      </div>
      {page.rows.length === 0 ? (
        <p className="text-slate-500">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">{t("name")}</th>
                <th scope="col" className="px-3 py-2">{t("phone")}</th>
                <th scope="col" className="px-3 py-2">{t("company")}</th>
                <th scope="col" className="px-3 py-2">{t("owner")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("openDeals")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-3 py-2 font-medium">{c.name}</td>
                  <td className="px-3 py-2">{c.phone}</td>
                  <td className="px-3 py-2">{c.company ?? "—"}</td>
                  <td className="px-3 py-2">{c.ownerName ?? "—"}</td>
                  <td className="px-3 py-2 text-right">{c.openDeals}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex gap-3 text-sm">
        {after ? <Link href={`/contacts${base}`} className="text-brand-700 underline">{t("previous")}</Link> : null}
        {page.next ? (
          <Link href={`/contacts?${new URLSearchParams({ ...(q ? { q } : {}), after: page.next })}`} className="text-brand-700 underline">
            {t("next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
