import { getTranslations } from "next-intl/server";

export default async function Loading() {
  const t = await getTranslations("common");
  return (
    <div className="flex flex-1 items-center justify-center text-sm text-slate-500" role="status">
      {t("loading")}
    </div>
  );
}
