import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requirePage } from "@/lib/auth/session";
import { listContacts } from "@/lib/crm/list-contacts";
import { isCleanText } from "@/lib/text";
import { DataTable } from "@/components/ui/data-table";
import { PageFrame } from "@/components/layout/page-frame";
import { SearchBox } from "@/components/ui/search-box";

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
    <PageFrame
      title={t("title")}
      action={
        <form method="get" role="search">
          <SearchBox id="contacts-q" label={t("searchPlaceholder")} placeholder={t("searchPlaceholder")} defaultValue={q} buttonLabel={t("search")} />
        </form>
      }
    >
      <DataTable
        label={t("title")}
        columns={[t("name"), t("phone"), t("company"), t("owner"), { label: t("openDeals"), align: "right" }]}
        rowCount={page.rows.length}
        empty={<p className="text-muted">{t("empty")}</p>}
      >
        {page.rows.map((c) => (
          <tr key={c.id}>
            <td className="px-3 py-2 font-medium">{c.name}</td>
            <td className="px-3 py-2">{c.phone}</td>
            <td className="px-3 py-2">{c.company ?? "—"}</td>
            <td className="px-3 py-2">{c.ownerName ?? "—"}</td>
            <td className="px-3 py-2 text-right">{c.openDeals}</td>
          </tr>
        ))}
      </DataTable>
      <nav className="flex gap-3 text-sm">
        {after ? <Link href={`/contacts${base}`} className="text-brand-600 underline">{t("previous")}</Link> : null}
        {page.next ? (
          <Link href={`/contacts?${new URLSearchParams({ ...(q ? { q } : {}), after: page.next })}`} className="text-brand-600 underline">
            {t("next")}
          </Link>
        ) : null}
      </nav>
    </PageFrame>
  );
}
