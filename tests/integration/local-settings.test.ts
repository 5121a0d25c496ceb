import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows, type Database } from "@/db/client";
import { withLocalSettings } from "@/lib/sql";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const setting = async (db: Database, name: string) =>
  (await queryRows<{ value: string }>(db, sql`select current_setting(${name}) as value`))[0]!.value;

describe("withLocalSettings", () => {
  it("changes settings only while its work runs, then puts back what was there", async () => {
    await conn.db.transaction(async (tx) => {
      const db = tx as unknown as Database;
      await db.execute(sql`select set_config('work_mem', '8MB', true)`);
      const seen = await withLocalSettings(db, { enable_nestloop: "off", work_mem: "64MB" }, async () => [
        await setting(db, "enable_nestloop"),
        await setting(db, "work_mem"),
      ]);
      expect(seen).toEqual(["off", "64MB"]);
      expect(await setting(db, "enable_nestloop")).toBe("on");
      expect(await setting(db, "work_mem")).toBe("8MB");
    });
  });
});
