"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createAutomationAction } from "@/lib/actions/settings";
import { Button } from "@/components/ui/button";
import { AUTOMATION_TRIGGERS, type AutomationAction, type AutomationTrigger } from "@/db/schema";
import { createAutomationSchema } from "@/lib/automations/input";

type ActionType = AutomationAction["type"];
type Draft = { type: ActionType; text: string; userId: string; groupId: string; url: string };

const emptyDraft = (type: ActionType): Draft => ({ type, text: "", userId: "", groupId: "", url: "" });
const fieldClass = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

function toAction(d: Draft): AutomationAction {
  switch (d.type) {
    case "reply":
      return { type: "reply", text: d.text };
    case "assign_user":
      return { type: "assign_user", userId: d.userId };
    case "assign_round_robin":
      return { type: "assign_round_robin", groupId: d.groupId };
    case "webhook":
      return { type: "webhook", url: d.url };
  }
}

/** A new flow: a name, the event that starts it, and one or more actions in order. */
export function AutomationForm({ users, groups }: { users: { id: string; name: string }[]; groups: { id: string; name: string }[] }) {
  const t = useTranslations("automations");
  const te = useTranslations("errors");
  const [name, setName] = useState("");
  const [trigger, setTrigger] = useState<AutomationTrigger>("conversation.opened_by_whatsapp");
  const [drafts, setDrafts] = useState<Draft[]>([emptyDraft("reply")]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  const update = (index: number, patch: Partial<Draft>) =>
    setDrafts((all) => all.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    const input = { name, trigger, actions: drafts.map(toAction) };
    const parsed = createAutomationSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return setError(t(`errors.${issue.message}` as "errors.nameRequired"));
    }
    setError(null);
    startTransition(async () => {
      const result = await createAutomationAction(input);
      if (!result.ok) return setError(te(result.error));
      setName("");
      setDrafts([emptyDraft("reply")]);
      setSaved(true);
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="flow-name" className="block text-sm font-medium">
            {t("name")}
          </label>
          <input id="flow-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} className={fieldClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="flow-trigger" className="block text-sm font-medium">
            {t("trigger")}
          </label>
          <select id="flow-trigger" value={trigger} onChange={(e) => setTrigger(e.target.value as AutomationTrigger)} className={fieldClass}>
            {AUTOMATION_TRIGGERS.map((tr) => (
              <option key={tr} value={tr}>
                {t(`triggers.${tr}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{t("actions")}</legend>
        {drafts.map((d, i) => (
          <div key={i} className="space-y-2 rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor={`action-${i}-type`} className="text-sm text-muted">
                {t("actionNumber", { n: i + 1 })}
              </label>
              <select
                id={`action-${i}-type`}
                value={d.type}
                onChange={(e) => update(i, { type: e.target.value as ActionType })}
                className="max-w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-sm"
              >
                {(["reply", "assign_user", "assign_round_robin", "webhook"] as const).map((type) => (
                  <option key={type} value={type}>
                    {t(`actionTypes.${type}`)}
                  </option>
                ))}
              </select>
              {drafts.length > 1 ? (
                <button type="button" onClick={() => setDrafts((all) => all.filter((_, j) => j !== i))} className="ml-auto text-sm text-red-700 underline">
                  {t("removeAction")}
                </button>
              ) : null}
            </div>
            {d.type === "reply" ? (
              <div>
                <label htmlFor={`action-${i}-text`} className="sr-only">{t("replyText")}</label>
                <textarea id={`action-${i}-text`} value={d.text} onChange={(e) => update(i, { text: e.target.value })} rows={2} maxLength={4096} placeholder={t("replyText")} className={fieldClass} />
              </div>
            ) : d.type === "assign_user" ? (
              <div>
                <label htmlFor={`action-${i}-user`} className="sr-only">{t("user")}</label>
                <select id={`action-${i}-user`} value={d.userId} onChange={(e) => update(i, { userId: e.target.value })} className={fieldClass}>
                  <option value="">{t("pickUser")}</option>
                  {users.map((u) => (
                    <option key={u.id} value={u.id}>{u.name}</option>
                  ))}
                </select>
              </div>
            ) : d.type === "assign_round_robin" ? (
              <div>
                <label htmlFor={`action-${i}-group`} className="sr-only">{t("group")}</label>
                <select id={`action-${i}-group`} value={d.groupId} onChange={(e) => update(i, { groupId: e.target.value })} className={fieldClass}>
                  <option value="">{t("pickGroup")}</option>
                  {groups.map((g) => (
                    <option key={g.id} value={g.id}>{g.name}</option>
                  ))}
                </select>
              </div>
            ) : (
              <div>
                <label htmlFor={`action-${i}-url`} className="sr-only">{t("url")}</label>
                <input id={`action-${i}-url`} type="url" value={d.url} onChange={(e) => update(i, { url: e.target.value })} placeholder="https://…" className={fieldClass} />
              </div>
            )}
          </div>
        ))}
        {drafts.length < 10 ? (
          <button type="button" onClick={() => setDrafts((all) => [...all, emptyDraft("reply")])} className="text-sm text-brand-600 underline">
            {t("addAction")}
          </button>
        ) : null}
      </fieldset>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-emerald-700">
          {t("saved")}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("create")}
      </Button>
    </form>
  );
}
