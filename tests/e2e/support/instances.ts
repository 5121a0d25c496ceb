import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface Instances {
  urls: string[];
  databaseUrl: string;
  stop(): Promise<void>;
}

async function waitUntilUp(url: string, child: ChildProcess, log: string[]) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log.join("")}`);
    try {
      if ((await fetch(`${url}/login`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up:\n${log.join("")}`);
}

/**
 * Several `next start` of the built app on one fresh PostgreSQL database with the demo loaded:
 * what a load balancer would have behind it. They share the sign-in secret, as instances do.
 */
export async function startInstances(ports: number[]): Promise<Instances> {
  const name = `turno_e2e_live_${process.pid}_${Date.now()}`;
  const databaseUrl = `${ADMIN_URL.slice(0, ADMIN_URL.lastIndexOf("/"))}/${name}`;
  execFileSync("node", ["scripts/pg-test-db.mjs", "create", name], { cwd: ROOT, stdio: "pipe" });
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: randomBytes(32).toString("base64url"), NEXT_TELEMETRY_DISABLED: "1" };
  execFileSync("npx", ["tsx", "scripts/seed/cli.ts"], { cwd: ROOT, env, stdio: "pipe" });
  const children = ports.map((port) => {
    const log: string[] = [];
    const child = spawn("npx", ["next", "start", "-p", String(port)], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk) => log.push(String(chunk)));
    child.stderr!.on("data", (chunk) => log.push(String(chunk)));
    return { child, log, url: `http://127.0.0.1:${port}` };
  });
  const stop = async () => {
    for (const { child } of children) {
      // The whole group: npx and the server it started.
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    }
    await new Promise((r) => setTimeout(r, 500));
    execFileSync("node", ["scripts/pg-test-db.mjs", "drop", name], { cwd: ROOT, stdio: "pipe" });
  };
  try {
    await Promise.all(children.map(({ url, child, log }) => waitUntilUp(url, child, log)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: children.map((c) => c.url), databaseUrl, stop };
}
