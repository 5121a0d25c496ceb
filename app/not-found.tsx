import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="m-auto max-w-md space-y-3 p-8 text-center">
      <h1 className="text-xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="text-slate-600">{t("notFound")}</p>
      <Link href="/" className="inline-block text-brand-700 underline">
        {t("goHome")}
      </Link>
    </div>
  );
}
