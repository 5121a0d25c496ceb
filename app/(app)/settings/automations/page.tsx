import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listAssignees } from "@/lib/assignment/assignees";
import { requirePage } from "@/lib/auth/session";
import { listAutomations } from "@/lib/automations/manage";
import { loadFilterOptions } from "@/lib/inbox/filter-options";
import { AutomationForm } from "@/components/automations/automation-form";
import { FlowControls } from "@/components/automations/flow-controls";
import { LockedInbox } from "@/components/inbox/locked-inbox";
import { DataTable } from "@/components/ui/data-table";
import { PageFrame } from "@/components/layout/page-frame";
import { PageSection } from "@/components/layout/page-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("automations"))("title") };
}

export default async function AutomationsPage() {
  const { actor, locked } = await requirePage("manageAutomations");
  if (locked) return <LockedInbox actor={actor} />;
  const db = await getDb();
  const [{ flows, jobs }, assignees, options, t, format] = await Promise.all([
    listAutomations(db, actor),
    listAssignees(db, actor.accountId),
    loadFilterOptions(db, actor),
    getTranslations("automations"),
    getFormatter(),
  ]);
  const userName = new Map(assignees.map((u) => [u.id, u.name]));
  const groupName = new Map(options.groups.map((g) => [g.id, g.name]));
  return (
    <PageFrame title={t("title")} intro={t("intro")} spacing={8}>

      <PageSection id="flows-title" title={t("flows")}>
        {flows.length === 0 ? <p className="text-sm text-muted">{t("noFlows")}</p> : null}
        <ul className="space-y-2">
          {flows.map((flow) => (
            <li key={flow.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="flow">
              <div className="flex flex-wrap items-start gap-3">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{flow.name}</p>
                  <p className="text-sm text-muted">
                    {t("when")} <span className="font-medium">{t(`triggers.${flow.trigger}`)}</span>
                  </p>
                  <ol className="mt-1 list-decimal pl-5 text-sm text-slate-700">
                    {flow.actions.map((action, i) => (
                      <li key={i}>
                        {action.type === "reply"
                          ? t("describe.reply", { text: action.text })
                          : action.type === "assign_user"
                            ? t("describe.assign_user", { name: userName.get(action.userId) ?? "—" })
                            : action.type === "assign_round_robin"
                              ? t("describe.assign_round_robin", { name: groupName.get(action.groupId) ?? "—" })
                              : t("describe.webhook", { url: action.url })}
                      </li>
                    ))}
                  </ol>
                  {flow.actions.some((a) => a.type === "webhook") ? (
                    <p className="mt-1 text-xs break-all text-muted">
                      {t("signingSecret")}: <code>{flow.signingSecret}</code>
                    </p>
                  ) : null}
                </div>
                <FlowControls id={flow.id} name={flow.name} active={flow.active} />
              </div>
            </li>
          ))}
        </ul>
      </PageSection>

      <PageSection id="new-flow-title" title={t("newFlow")} card>
        <AutomationForm users={assignees} groups={options.groups} />
      </PageSection>

      <PageSection id="runs-title" title={t("runs")}>
        <DataTable
          label={t("runs")}
          columns={[t("columns.when"), t("columns.flow"), t("columns.event"), t("columns.status"), t("columns.attempts"), t("columns.error")]}
          rowCount={jobs.length}
          empty={<p className="text-sm text-muted">{t("noRuns")}</p>}
          testId="runs"
        >
          {jobs.map((job) => (
            <tr key={job.id}>
              <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(job.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
              <td className="px-3 py-2">
                {job.automationName} · {t("actionNumber", { n: job.actionIndex + 1 })}
              </td>
              <td className="px-3 py-2">{t(`triggers.${job.event as "conversation.assigned"}`)}</td>
              <td className="px-3 py-2">
                {t(`status.${job.status}`)}
                {job.status === "pending" && job.attempts > 0 ? (
                  <span className="block text-xs text-muted">
                    {t("retryAt", { at: format.dateTime(job.availableAt, { timeStyle: "medium" }) })}
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2">{job.attempts}</td>
              <td className="px-3 py-2 text-red-700">{job.lastError ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      </PageSection>
    </PageFrame>
  );
}
