import "server-only";
import { headers } from "next/headers";
import { configuredAppUrl } from "./app-url";

/** The app's own origin for this request: APP_URL when set, else the host the browser asked for. */
export async function requestOrigin(): Promise<string> {
  const configured = configuredAppUrl();
  if (configured) return configured.origin;
  const request = await headers();
  const proto = request.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${request.get("host") ?? "localhost"}`;
}
