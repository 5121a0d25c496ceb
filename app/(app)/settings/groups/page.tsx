import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePage } from "@/lib/access/session";
import { listGroups } from "@/lib/admin/groups";
import { listAssignees } from "@/lib/assignment/assignees";
import { GroupCard } from "@/components/settings/group-card";
import { NewGroupForm } from "@/components/settings/new-group-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

export default async function GroupsPage() {
  const { actor } = await requirePage("manageAccount");
  const db = await getDb();
  const [groups, candidates, t] = await Promise.all([listGroups(db, actor), listAssignees(db, actor.accountId), getTranslations("groups")]);
  return (
    <div className="mx-auto w-full max-w-5xl flex-1 space-y-4 overflow-y-auto p-4">
      <header>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </header>
      <NewGroupForm />
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {groups.map((group) => (
            <li key={group.id}>
              <GroupCard group={group} candidates={candidates.filter((c) => !group.members.some((m) => m.id === c.id))} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
