"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="m-auto max-w-md space-y-3 p-8 text-center">
      <p className="text-slate-700">{t("generic")}</p>
      <button type="button" onClick={reset} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
        {t("retry")}
      </button>
    </div>
  );
}
