import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePage } from "@/lib/auth/session";
import { listGroups } from "@/lib/admin/groups";
import { listAssignees } from "@/lib/assignment/assignees";
import { GroupCard } from "@/components/settings/group-card";
import { NewGroupForm } from "@/components/settings/new-group-form";
import { PageFrame } from "@/components/layout/page-frame";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

export default async function GroupsPage() {
  const { actor } = await requirePage("manageAccount");
  const db = await getDb();
  const [groups, candidates, t] = await Promise.all([listGroups(db, actor), listAssignees(db, actor.accountId), getTranslations("groups")]);
  return (
    <PageFrame title={t("title")} intro={t("intro")}>
      <NewGroupForm />
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-muted">{t("empty")}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {groups.map((group) => (
            <li key={group.id}>
              <GroupCard group={group} candidates={candidates.filter((c) => !group.members.some((m) => m.id === c.id))} />
            </li>
          ))}
        </ul>
      )}
    </PageFrame>
  );
}
