"use client";

import { useTranslations } from "next-intl";
import type { DomainError } from "@/lib/errors";

/** A refused admin change, in words the admin can act on. */
export function ActionError({ error }: { error: DomainError | null }) {
  const t = useTranslations("adminErrors");
  if (!error) return null;
  const known = t.has(error) ? error : "unexpected";
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="action-error">
      {t(known)}
    </p>
  );
}
