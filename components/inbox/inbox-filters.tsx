import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Role } from "@/db/schema";
import { filtersToQuery, resolveFilters, type InboxFilters } from "@/lib/inbox/filters";
import type { FilterOptions } from "@/lib/inbox/filter-options";
import { badgeCount } from "@/lib/inbox/counts";
import { AutoSubmitForm } from "./auto-submit-form";
import { SearchBox } from "@/components/ui/search-box";

const selectClass =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none";

/** A plain GET form: filters live in the URL, so they survive reloads and can be shared. */
export async function InboxFiltersForm({
  filters,
  options,
  counts,
  role,
  action,
}: {
  filters: InboxFilters;
  options: FilterOptions;
  /** Open conversations: the viewer's own, and the unread ones they may see. */
  counts: { mine: number; unread: number };
  role: Role;
  action: string;
}) {
  const [t, tu, ti, tl] = await Promise.all([
    getTranslations("inbox.filters"),
    getTranslations("users"),
    getTranslations("inbox"),
    getTranslations("live"),
  ]);
  const canPickOwner = role !== "seller";
  return (
    <AutoSubmitForm action={action} label={t("label")}>
      <SearchBox
        id="filter-q"
        label={t("search")}
        placeholder={t("searchPlaceholder")}
        defaultValue={filters.search}
        buttonLabel={t("apply")}
      />
      {filtersToQuery(filters) !== filtersToQuery(resolveFilters({}, role)) ? (
        <Link href={action} className="text-xs text-brand-600 underline">
          {t("clear")}
        </Link>
      ) : null}
      <div className="grid grid-cols-2 gap-2">
        {role !== "support" ? (
          <div>
            <label htmlFor="filter-status" className="block text-xs font-medium text-muted">
              {t("status")}
            </label>
            <select id="filter-status" name="status" defaultValue={filters.status} className={selectClass}>
              {(["open", "closed", "all"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`statusOptions.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {canPickOwner ? (
          <div>
            <label htmlFor="filter-owner" className="block text-xs font-medium text-muted">
              {t("owner")}
            </label>
            <select id="filter-owner" name="owner" defaultValue={filters.owner} className={selectClass}>
              <option value="all">{t("ownerOptions.all")}</option>
              {/* Support owns nothing: "Mías" would always be empty. */}
              {role !== "support" ? <option value="me">{tl("mine", { count: badgeCount(counts.mine) })}</option> : null}
              <option value="unassigned">{t("ownerOptions.unassigned")}</option>
              <option value="inactive">{tu("inactiveOwnersFilter")}</option>
              {options.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.active ? o.name : ti("ownerInactive", { name: o.name })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {canPickOwner && options.groups.length ? (
          <div>
            <label htmlFor="filter-group" className="block text-xs font-medium text-muted">
              {t("group")}
            </label>
            <select id="filter-group" name="group" defaultValue={filters.groupId ?? ""} className={selectClass}>
              <option value="">{t("anyGroup")}</option>
              {options.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {/* Unread marks are for the people who answer; the audit view has no use for them. */}
        {role !== "support" ? (
          <label className="flex items-center gap-2 self-end pb-1.5 text-sm">
            <input
              type="checkbox"
              name="unread"
              value="1"
              defaultChecked={filters.unreadOnly}
              className="size-4 rounded border-slate-300 accent-brand-600"
            />
            {tl("unread", { count: badgeCount(counts.unread) })}
          </label>
        ) : null}
      </div>
    </AutoSubmitForm>
  );
}
