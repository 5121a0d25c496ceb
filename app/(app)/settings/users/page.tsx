import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePage } from "@/lib/auth/session";
import { listUsers } from "@/lib/admin/users";
import { NewUserDialog } from "@/components/settings/new-user-dialog";
import { UserRowActions } from "@/components/settings/user-row-actions";
import { DataTable } from "@/components/ui/data-table";
import { PageFrame } from "@/components/layout/page-frame";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  const { actor } = await requirePage("manageAccount");
  const [people, t, tr] = await Promise.all([listUsers(await getDb(), actor), getTranslations("users"), getTranslations("roles")]);
  return (
    <PageFrame title={t("title")} intro={t("intro")} action={<NewUserDialog />}>
      <DataTable
        label={t("title")}
        columns={[t("name"), t("role"), t("status"), t("actions")]}
        rowCount={people.length}
        empty={<p className="text-sm text-muted">{t("empty")}</p>}
        testId="users"
      >
        {people.map((person) => (
          <tr key={person.id} data-testid="user-row" className={person.active ? undefined : "bg-slate-50 text-muted"}>
            <td className="px-3 py-2">
              <span className="block font-medium">
                {person.name} {person.id === actor.userId ? <span className="font-normal text-muted">{t("you")}</span> : null}
              </span>
              <span className="block text-xs break-all text-muted">{person.email}</span>
            </td>
            <td className="px-3 py-2 whitespace-nowrap">{tr(person.role)}</td>
            <td className="px-3 py-2">
              <span
                className={
                  person.active
                    ? "rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800"
                    : "rounded-full bg-slate-200 px-2 py-0.5 text-xs text-slate-700"
                }
              >
                {person.active ? t("active") : t("inactive")}
              </span>
              {person.openConversations > 0 ? (
                <span className="mt-1 block text-xs">
                  {person.active ? (
                    t("openConversations", { count: person.openConversations })
                  ) : (
                    <Link href="/inbox?owner=inactive" className="text-brand-600 underline">
                      {t("openConversations", { count: person.openConversations })} · {t("findConversations")}
                    </Link>
                  )}
                </span>
              ) : null}
            </td>
            <td className="px-3 py-2">
              <UserRowActions user={{ id: person.id, name: person.name, role: person.role, active: person.active }} isSelf={person.id === actor.userId} />
            </td>
          </tr>
        ))}
      </DataTable>
    </PageFrame>
  );
}
