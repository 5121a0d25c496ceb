import { z } from "zod";
import { calendarDay } from "@/lib/calendar";
import { isCleanText } from "@/lib/text";
import { urlParam } from "@/lib/url-params";



/** The audit's filters as they arrive in the URL (page and CSV export read the same ones). */
export const auditSearchParams = z.object({
  from: urlParam(calendarDay),
  to: urlParam(calendarDay),
  closedBy: urlParam(z.uuid()),
  owner: urlParam(z.uuid()),
  q: urlParam(z.string().trim().max(200).refine(isCleanText)),
  cursor: urlParam(z.string().max(200)),
});

export type AuditFilters = Omit<z.infer<typeof auditSearchParams>, "cursor">;

export function resolveAuditFilters(params: unknown): AuditFilters & { cursor?: string } {
  const { q, ...rest } = auditSearchParams.parse(params ?? {});
  return { ...rest, q: q || undefined };
}

/** The query string for a set of filters, leaving empty ones out. */
export function auditQuery(filters: AuditFilters & { cursor?: string }): string {
  const params = new URLSearchParams();
  for (const key of ["from", "to", "closedBy", "owner", "q", "cursor"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}
