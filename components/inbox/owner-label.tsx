import clsx from "clsx";
import { getTranslations } from "next-intl/server";

/** The owner's name, "No asignado", or the name marked as deactivated (still owns it until reassigned). */
export async function OwnerLabel({
  name,
  active,
  className,
}: {
  name: string | null;
  active: boolean | null;
  className?: string;
}) {
  const t = await getTranslations("inbox");
  if (!name) {
    return (
      <span data-testid="owner" className={clsx("rounded bg-amber-100 px-1.5 py-0.5 text-amber-800", className)}>
        {t("unassigned")}
      </span>
    );
  }
  return (
    <span data-testid="owner" className={clsx("rounded bg-slate-100 px-1.5 py-0.5 text-slate-700", className)}>
      {active === false ? t("ownerInactive", { name }) : name}
    </span>
  );
}
