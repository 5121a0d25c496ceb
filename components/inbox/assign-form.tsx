"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { bulkTargetSchema, type BulkTarget } from "@/lib/assignment/bulk-input";
import { NO_TRANSFER, singleTargetSchema, type SingleTarget, type TransferOptions } from "@/lib/assignment/input";
import { MultiPicker } from "./multi-picker";
import { TransferFieldset } from "./transfer-fieldset";
import { UserPicker, type PickableUser } from "./user-picker";

type Mode = BulkTarget["mode"];
type Kind = "single" | "bulk";
type Chosen<K extends Kind> = { target: K extends "single" ? SingleTarget : BulkTarget; markUnread: boolean; transfer: TransferOptions };

// The schemas name what is missing ("pickUser", "pickGroup"…); each key's text lives where it was written.
const MESSAGE_AREA: Record<string, "assign" | "bulk"> = { pickUser: "assign", pickTwoUsers: "bulk", pickGroup: "bulk" };

/**
 * The state of "Asignar conversación", one or in bulk: who to (the mode and its person, people or
 * groups), "Marcar como no leída" and what to carry along. `choose()` checks the choice with the
 * server's own target schema, so the form can't disagree with the action about what is complete.
 */
export function useAssignForm<K extends Kind>(kind: K) {
  const t = useTranslations();
  const ownArea = kind === "single" ? "assign" : "bulk";
  const [mode, setModeState] = useState<Mode | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [poolKind, setPoolKind] = useState<"users" | "groups">("users");
  const [userIds, setUserIds] = useState<string[]>([]);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [markUnread, setMarkUnread] = useState(false);
  const [transfer, setTransfer] = useState<TransferOptions>(NO_TRANSFER);
  const [error, setError] = useState<string | null>(null);

  const clearing =
    <A extends unknown[]>(set: (...args: A) => void) =>
    (...args: A) => {
      set(...args);
      setError(null);
    };

  function reset() {
    setModeState(null);
    setUserId(null);
    setPoolKind("users");
    setUserIds([]);
    setGroupIds([]);
    setMarkUnread(false);
    setTransfer(NO_TRANSFER);
    setError(null);
  }

  /** The complete choice, or null after showing what is missing. */
  function choose(): Chosen<K> | null {
    if (!mode) {
      setError(t(`${ownArea}.errors.pickMode`));
      return null;
    }
    const candidate =
      mode === "user"
        ? { mode, userId }
        : mode === "round_robin"
          ? { mode, pool: poolKind === "users" ? { kind: "users", userIds } : { kind: "groups", groupIds } }
          : { mode };
    const parsed = (kind === "single" ? singleTargetSchema : bulkTargetSchema).safeParse(candidate);
    if (!parsed.success) {
      const key = parsed.error.issues[0]?.message ?? "";
      setError(key in MESSAGE_AREA ? t(`${MESSAGE_AREA[key]}.errors.${key}`) : t(`${ownArea}.errors.pickMode`));
      return null;
    }
    setError(null);
    return { target: parsed.data as Chosen<K>["target"], markUnread, transfer };
  }

  return {
    kind,
    mode,
    setMode: clearing(setModeState),
    userId,
    setUserId: clearing(setUserId),
    poolKind,
    setPoolKind: clearing(setPoolKind),
    userIds,
    setUserIds: clearing(setUserIds),
    groupIds,
    setGroupIds: clearing(setGroupIds),
    markUnread,
    setMarkUnread,
    transfer,
    setTransfer,
    error,
    setError,
    reset,
    choose,
  };
}

export type AssignFormState = ReturnType<typeof useAssignForm>;

/**
 * The fields of both assign dialogs. Round robin is offered when there are groups to deal among
 * (the bulk dialog); the contact's owner shows who that is, or why it can't be chosen.
 */
export function AssignFields({
  form,
  assignees,
  groups,
  contactOwner,
}: {
  form: AssignFormState;
  assignees: PickableUser[];
  groups?: PickableUser[];
  /** Single dialog: the contact's CRM owner (null: the contact has none). */
  contactOwner?: { id: string; name: string; assignable: boolean } | null;
}) {
  const t = useTranslations("assign");
  const tb = useTranslations("bulk");
  const single = contactOwner !== undefined;
  const ownerAvailable = !single || Boolean(contactOwner?.assignable);
  const name = `${form.kind}-mode`;

  const radio = (value: Mode, label: string, extra: { disabled?: boolean; describedBy?: string } = {}) => (
    <label className={`flex items-center gap-2 text-sm ${extra.disabled ? "text-slate-400" : ""}`}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={form.mode === value}
        disabled={extra.disabled}
        onChange={() => form.setMode(value)}
        className="accent-brand-600"
        aria-describedby={extra.describedBy}
      />
      {label}
    </label>
  );

  return (
    <>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">
          {t("assignTo")} <span aria-hidden className="text-red-600">*</span>
        </legend>
        {radio("contact_owner", t("contactOwner"), single ? { disabled: !ownerAvailable, describedBy: "contact-owner-hint" } : {})}
        {single ? (
          <p id="contact-owner-hint" className="ml-6 text-xs text-muted">
            {contactOwner
              ? ownerAvailable
                ? contactOwner.name
                : t("contactOwnerInactive", { name: contactOwner.name })
              : t("contactHasNoOwner")}
          </p>
        ) : null}
        {radio("user", t("specificUser"))}
        {form.mode === "user" ? (
          <div className="ml-6">
            <UserPicker users={assignees} value={form.userId} onChange={form.setUserId} label={t("user")} />
          </div>
        ) : null}
        {groups ? radio("round_robin", tb("roundRobin")) : null}
        {groups && form.mode === "round_robin" ? (
          <div className="ml-6 space-y-2">
            <div role="radiogroup" aria-label={tb("roundRobinKind")} className="flex gap-4 text-sm">
              {(["users", "groups"] as const).map((kind) => (
                <label key={kind} className="flex items-center gap-1.5">
                  <input
                    type="radio"
                    name="pool-kind"
                    checked={form.poolKind === kind}
                    onChange={() => form.setPoolKind(kind)}
                    className="accent-brand-600"
                  />
                  {tb(kind === "users" ? "individual" : "grouped")}
                </label>
              ))}
            </div>
            {form.poolKind === "users" ? (
              <MultiPicker items={assignees} value={form.userIds} onChange={form.setUserIds} label={tb("users")} />
            ) : (
              <MultiPicker items={groups} value={form.groupIds} onChange={form.setGroupIds} label={tb("groups")} kind="groups" />
            )}
          </div>
        ) : null}
        {radio("none", t("none"))}
      </fieldset>

      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={form.markUnread}
          onChange={(e) => form.setMarkUnread(e.target.checked)}
          className="size-4 accent-brand-600"
        />
        {t("markUnread")}
      </label>

      {form.mode && form.mode !== "none" ? (
        <TransferFieldset toContactOwner={form.mode === "contact_owner"} value={form.transfer} onChange={form.setTransfer} />
      ) : null}
    </>
  );
}
