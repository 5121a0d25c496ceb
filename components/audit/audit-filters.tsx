import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AuditFilters } from "@/lib/audit/filters";

const fieldClass = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none";
const labelClass = "block text-xs font-medium text-muted";

/** A plain GET form: the filters live in the URL, which the CSV export reads too. */
export async function AuditFiltersForm({ filters, people }: { filters: AuditFilters; people: { id: string; name: string; active: boolean }[] }) {
  const [t, tu] = await Promise.all([getTranslations("audit"), getTranslations("users")]);
  const options = people.map((p) => (
    <option key={p.id} value={p.id}>
      {p.active ? p.name : `${p.name} (${tu("inactive").toLowerCase()})`}
    </option>
  ));
  return (
    <form action="/audit" method="get" aria-label={t("filters")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6">
      <div>
        <label htmlFor="audit-from" className={labelClass}>{t("from")}</label>
        <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className={fieldClass} />
      </div>
      <div>
        <label htmlFor="audit-to" className={labelClass}>{t("to")}</label>
        <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={fieldClass} />
      </div>
      <div>
        <label htmlFor="audit-closed-by" className={labelClass}>{t("closedBy")}</label>
        <select id="audit-closed-by" name="closedBy" defaultValue={filters.closedBy ?? ""} className={fieldClass}>
          <option value="">{t("anyone")}</option>
          {options}
        </select>
      </div>
      <div>
        <label htmlFor="audit-owner" className={labelClass}>{t("owner")}</label>
        <select id="audit-owner" name="owner" defaultValue={filters.owner ?? ""} className={fieldClass}>
          <option value="">{t("anyone")}</option>
          {options}
        </select>
      </div>
      <div className="sm:col-span-2 lg:col-span-2">
        <label htmlFor="audit-q" className={labelClass}>{t("reason")}</label>
        <input id="audit-q" name="q" type="search" maxLength={200} defaultValue={filters.q ?? ""} placeholder={t("reasonPlaceholder")} className={fieldClass} />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-6">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          {t("apply")}
        </button>
        <Link href="/audit" className="text-sm text-muted underline">
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
