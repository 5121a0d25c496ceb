import { z } from "zod";
import { isCleanText } from "@/lib/text";
import type { Role } from "@/db/schema";
import { urlParam } from "@/lib/url-params";

export const STATUS_FILTERS = ["open", "closed", "all"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

// "me", "unassigned" and "inactive" (owned by a deactivated user) are keywords; anything else must be a user id of the account.
const ownerFilter = z.union([z.enum(["me", "unassigned", "inactive", "all"]), z.uuid()]);


/** The list's filters as they arrive in the URL; anything unreadable falls back to the default. */
export const inboxSearchParams = z.object({
  status: urlParam(z.enum(STATUS_FILTERS)),
  owner: urlParam(ownerFilter),
  unread: urlParam(z.enum(["1"])),
  group: urlParam(z.uuid()),
  // Unstorable text (a NUL, a lone surrogate) can't be searched for: no search, as for any unreadable parameter.
  q: urlParam(z.string().trim().max(100).refine(isCleanText)),
  cursor: urlParam(z.string().max(200)),
});

export interface InboxFilters {
  status: StatusFilter;
  owner: "me" | "unassigned" | "inactive" | "all" | string;
  unreadOnly: boolean;
  groupId?: string;
  search?: string;
}

/** Turns URL parameters into the filters a role may actually use. */
export function resolveFilters(params: unknown, role: Role): InboxFilters & { cursor?: string } {
  const parsed = inboxSearchParams.parse(params ?? {});
  // Support audits closed conversations only; a seller's list is theirs whatever the URL says.
  const status: StatusFilter = role === "support" ? "closed" : (parsed.status ?? "open");
  const owner = role === "seller" ? "me" : (parsed.owner ?? "all");
  return {
    status,
    owner,
    unreadOnly: parsed.unread === "1",
    groupId: role === "seller" ? undefined : parsed.group,
    search: parsed.q || undefined,
    cursor: parsed.cursor,
  };
}

/** Builds the query string for a set of filters, leaving defaults out so URLs stay short. */
export function filtersToQuery(filters: Partial<InboxFilters> & { cursor?: string }): string {
  const params = new URLSearchParams();
  if (filters.status && filters.status !== "open") params.set("status", filters.status);
  if (filters.owner && filters.owner !== "all") params.set("owner", filters.owner);
  if (filters.unreadOnly) params.set("unread", "1");
  if (filters.groupId) params.set("group", filters.groupId);
  if (filters.search) params.set("q", filters.search);
  if (filters.cursor) params.set("cursor", filters.cursor);
  const query = params.toString();
  return query ? `?${query}` : "";
}
