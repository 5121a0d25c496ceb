import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { connect } from "@/db/client";
import { checkHealth } from "@/lib/health/check";
import { heartbeat } from "@/lib/health/heartbeat";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();
const shared = globalThis as unknown as { turnoConnection?: Promise<unknown> };

describe("GET /api/health", () => {
  it("503 while no worker has beaten lately, 200 once one has", async () => {
    await conn.db.execute(sql`update worker_heartbeats set beat_at = now() - interval '1 minute'`);
    shared.turnoConnection = Promise.resolve(conn);
    let response = await GET(new Request("http://turno.test/api/health"));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, database: "ok", migrations: "current", worker: "silent" });

    await heartbeat("test-worker").beat(conn.db);
    response = await GET(new Request("http://turno.test/api/health"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: true, database: "ok", migrations: "current", worker: "alive" });
  });

  it("a beat is written at most every ten seconds", async () => {
    const worker = heartbeat("test-throttle");
    const beatAt = async () =>
      (await conn.db.execute(sql`select beat_at from worker_heartbeats where worker_id = 'test-throttle'`)) as unknown;
    await worker.beat(conn.db, 1_000_000);
    const first = JSON.stringify(await beatAt());
    await new Promise((r) => setTimeout(r, 20));
    await worker.beat(conn.db, 1_005_000);
    expect(JSON.stringify(await beatAt())).toBe(first);
    await worker.beat(conn.db, 1_010_000);
    expect(JSON.stringify(await beatAt())).not.toBe(first);
  });

  it("a build whose migrations are not all applied is reported as pending", async () => {
    const newer = Date.now() + 86_400_000;
    expect(await checkHealth(conn.db, newer)).toEqual({ ok: false, database: "ok", migrations: "pending", worker: "unknown" });
  });

  it("an unreachable database is 503, with nothing but the verdict", async () => {
    const down = await connect({ url: process.env.DATABASE_URL, dataDir: null, migrate: false });
    await down.close();
    expect(await checkHealth(down.db)).toEqual({ ok: false, database: "unreachable", migrations: "unknown", worker: "unknown" });
  });
});
