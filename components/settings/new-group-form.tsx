"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createGroupAction } from "@/lib/actions/settings";
import { Button } from "@/components/ui/button";
import { groupNameSchema } from "@/lib/admin/group-input";
import type { DomainError } from "@/lib/errors";
import { ActionError } from "./action-error";

export function NewGroupForm() {
  const t = useTranslations("groups");
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<DomainError | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = groupNameSchema.safeParse(name);
    if (!parsed.success) return setNameError(t(`errors.${parsed.error.issues[0]!.message as "nameRequired"}`));
    setNameError(null);
    startTransition(async () => {
      const result = await createGroupAction({ name });
      setError(result.ok ? null : result.error);
      if (!result.ok) return;
      setName("");
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-group-title">
      <h2 id="new-group-title" className="font-semibold">
        {t("new")}
      </h2>
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor="new-group-name" className="sr-only">
            {t("name")}
          </label>
          <input
            id="new-group-name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
            placeholder={t("name")}
            maxLength={100}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "new-group-name-error" : undefined}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          {nameError ? (
            <p id="new-group-name-error" className="mt-1 text-xs text-red-700">
              {nameError}
            </p>
          ) : null}
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? t("creating") : t("create")}
        </Button>
      </div>
      <ActionError error={error} />
    </form>
  );
}
