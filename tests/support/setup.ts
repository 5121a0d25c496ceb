import { afterAll, beforeAll } from "vitest";
import type { z } from "zod";
import type { Connection } from "@/db/client";
import { loadActor, type Actor } from "@/lib/access/actor";
import { perform, type ActionSpec } from "@/lib/access/pipeline";
import { openTestDb } from "./db";
import type { Result } from "@/lib/errors";

export interface TestDb extends Connection {
  /** The user as the pipeline sees them, read from the database now. */
  actorOf(userId: string): Promise<Actor>;
  /** An action through the one pipeline, as the server action runs it (session aside). */
  act<I extends z.ZodType, T extends object>(spec: ActionSpec<I, T>, actor: Actor | null, input: unknown): Promise<Result<T>>;
}

/** The test file's database, opened before its tests and closed after them. */
export function useTestDb(options: { poolSize?: number } = {}): TestDb {
  let conn: Connection | undefined;
  beforeAll(async () => {
    conn = await openTestDb(options);
  });
  afterAll(async () => {
    await conn?.close();
  });
  const open = () => {
    if (!conn) throw new Error("the test database opens in beforeAll: use it inside a test or hook");
    return conn;
  };
  return {
    get db() {
      return open().db;
    },
    get engine() {
      return open().engine;
    },
    migrate: () => open().migrate(),
    listen: (channel, onPayload, onRelisten) => open().listen(channel, onPayload, onRelisten),
    close: () => open().close(),
    async actorOf(userId) {
      const actor = await loadActor(open().db, userId);
      if (!actor) throw new Error(`no active user ${userId}`);
      return actor;
    },
    act: (spec, actor, input) => perform(spec, open().db, actor, input),
  };
}
