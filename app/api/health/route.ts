import { getDb, type Database } from "@/db/client";
import { publicRoute } from "@/lib/actions/public-route";
import { checkHealth } from "@/lib/health/check";

export const dynamic = "force-dynamic";

/** For a load balancer or uptime check: 200 when this instance can serve, 503 with what is wrong. No session, no data. */
export const GET = publicRoute("health", async () => {
  const db = await getDb().catch((): Database | null => null);
  const health = await checkHealth(db);
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
});
