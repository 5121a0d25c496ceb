import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePage } from "@/lib/access/session";
import { listUsers } from "@/lib/admin/users";
import { NewUserDialog } from "@/components/settings/new-user-dialog";
import { UserRowActions } from "@/components/settings/user-row-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  const { actor } = await requirePage("manageAccount");
  const [people, t, tr] = await Promise.all([listUsers(await getDb(), actor), getTranslations("users"), getTranslations("roles")]);
  return (
    <div className="mx-auto w-full max-w-5xl flex-1 space-y-4 overflow-y-auto p-4">
      <header className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("intro")}</p>
        </div>
        <NewUserDialog />
      </header>
      {people.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="users">
            <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">{t("name")}</th>
                <th scope="col" className="px-3 py-2">{t("role")}</th>
                <th scope="col" className="px-3 py-2">{t("status")}</th>
                <th scope="col" className="px-3 py-2">{t("actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {people.map((person) => (
                <tr key={person.id} data-testid="user-row" className={person.active ? undefined : "bg-slate-50 text-slate-500"}>
                  <td className="px-3 py-2">
                    <span className="block font-medium">
                      {person.name} {person.id === actor.userId ? <span className="font-normal text-slate-500">{t("you")}</span> : null}
                    </span>
                    <span className="block text-xs break-all text-slate-500">{person.email}</span>
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
                          <Link href="/inbox?owner=inactive" className="text-brand-700 underline">
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
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
