import { cache } from "react";
import { inboxCounts } from "@/lib/inbox/counts";

/** Once per request: the page and its tab title both show them. */
export const requestCounts = cache(inboxCounts);
