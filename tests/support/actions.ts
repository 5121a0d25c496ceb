import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { vi } from "vitest";
import type { Connection } from "@/db/client";
import type { Actor } from "@/lib/access/actor";

/**
 * The app's server actions and route handlers as the browser reaches them, run in-process with
 * the request gate out of the way: the session is whoever the test says (loaded from the real
 * database), the database is the test's. Everything after the session — the pipeline, the
 * policies, the domain — is the real code.
 */
export const session: { actor: Actor | null } = { actor: null };
// The mocks below are hoisted above this module's code; they reach the session through the global.
(globalThis as unknown as { turnoTestSession: typeof session }).turnoTestSession = session;
const current = () => (globalThis as unknown as { turnoTestSession: typeof session }).turnoTestSession.actor;

vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => current(),
  getSessionRef: async () => {
    const actor = current();
    return actor ? { userId: actor.userId, sessionId: "00000000-0000-4000-8000-000000000000", signedInAt: new Date().toISOString() } : null;
  },
  requireActor: async () => {
    const actor = current();
    if (!actor) throw new Error("signed out");
    return actor;
  },
}));

/** Makes the app's shared connection (getDb) the test's. */
export function useConnection(conn: Connection) {
  (globalThis as unknown as { turnoConnection?: Promise<Connection> }).turnoConnection = Promise.resolve(conn);
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");
// Server actions live with the pages that use them or, shared, in lib/actions.
const ACTION_FOLDERS = [APP, path.join(ROOT, "lib/actions")];

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(folder, entry.name)) : [path.join(folder, entry.name)],
  );
}

/** Every server action module (a file whose first statement is "use server"), by path from the project root. */
export function serverActionFiles(): string[] {
  return ACTION_FOLDERS.flatMap(filesUnder)
    .filter((file) => /\.(ts|tsx)$/.test(file) && /^\s*["']use server["']/.test(readFileSync(file, "utf8")))
    .map((file) => path.relative(ROOT, file))
    .sort();
}

/** Every route handler of the app, by path under app/. */
export function routeFiles(): string[] {
  return filesUnder(APP)
    .filter((file) => /(^|\/)route\.(ts|tsx)$/.test(file))
    .map((file) => path.relative(APP, file))
    .sort();
}

/** The exported functions of every server action module: "file#name" → the action. */
export async function loadServerActions(): Promise<Map<string, (...args: unknown[]) => Promise<unknown>>> {
  const actions = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (const file of serverActionFiles()) {
    const module = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === "function") actions.set(`${file}#${name}`, value as (...args: unknown[]) => Promise<unknown>);
    }
  }
  return actions;
}
