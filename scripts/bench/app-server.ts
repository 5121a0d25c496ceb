import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
// What `next build` compiles: a change to any of these makes the build in .next stale.
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "db",
  "i18n",
  "messages",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

const mtime = (file: string) => {
  try {
    return statSync(path.join(ROOT, file)).mtimeMs;
  } catch {
    // Deleted in the work tree but still in the index.
    return 0;
  }
};

function buildIsCurrent(): { current: boolean; missing: boolean } {
  const built = mtime(".next/BUILD_ID");
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "--", ...BUILD_INPUTS], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter(Boolean);
  const newest = files.reduce((max, file) => Math.max(max, mtime(file)), 0);
  return { current: built > 0 && built >= newest, missing: built === 0 };
}

// Another build of this tree (a teammate's tests) holds Next's lock: its result may be what we need.
const BUILD_WAIT_MS = 10 * 60_000;

/** Builds the app when .next is missing or older than any of its sources (tracked or new). */
export async function ensureBuild(say: (line: string) => void): Promise<void> {
  const deadline = Date.now() + BUILD_WAIT_MS;
  let waiting = false;
  while (true) {
    const { current, missing } = buildIsCurrent();
    if (current) return;
    if (!waiting) say(missing ? "  no hay build en .next: npx next build…" : "  el build de .next es más viejo que el código: npx next build…");
    const started = performance.now();
    try {
      execFileSync("npx", ["next", "build"], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "pipe" });
      say(`  build listo en ${((performance.now() - started) / 1000).toFixed(0)} s`);
      return;
    } catch (error) {
      const output = String((error as { stdout?: Buffer }).stdout ?? "") + String((error as { stderr?: Buffer }).stderr ?? "");
      if (!output.includes("Another next build process is already running") || Date.now() > deadline) {
        throw new Error(`next build failed:\n${output.split("\n").slice(-40).join("\n")}`);
      }
      if (!waiting) say("  otro next build está en curso en este árbol: espero a que termine…");
      waiting = true;
      await new Promise((r) => setTimeout(r, 5_000));
    }
  }
}

export interface AppServer {
  url: string;
  /** Its process group's id: the server and anything it forked. */
  group: number;
  stop(): Promise<void>;
}

/**
 * `next start` in a process group of its own, logging to a file (draining its output through a
 * pipe would cost the bench's own CPU). Resolves once it answers HTTP.
 */
export async function startAppServer(port: number, env: Record<string, string>, signal: AbortSignal): Promise<AppServer> {
  const logFile = path.join(os.tmpdir(), `turno-bench-live-${process.pid}-${port}.log`);
  const fd = openSync(logFile, "w");
  // BENCH_SERVER_ARGS: node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    detached: true,
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const tail = () => readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  let keepLog = false;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // Gone meanwhile.
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!keepLog) rmSync(logFile, { force: true });
  };
  const deadline = Date.now() + 90_000;
  while (true) {
    if (child.exitCode !== null) {
      keepLog = true;
      throw new Error(`next start on ${port} exited (${child.exitCode}); log in ${logFile}:\n${tail()}`);
    }
    try {
      await fetch(`${url}/api/health`);
      return { url, group: child.pid!, stop };
    } catch {
      // Not listening yet.
    }
    if (signal.aborted) {
      await stop();
      throw signal.reason;
    }
    if (Date.now() > deadline) {
      keepLog = true;
      await stop();
      throw new Error(`next start on ${port} did not come up; log in ${logFile}:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

export interface ProcessSample {
  /** Resident memory, kB. */
  rssKb: number;
  /** CPU time used so far, seconds. */
  cpuS: number;
}

const TICKS_PER_SECOND = 100;

/** Memory and CPU of every process that matches, read from /proc. */
function sampleProcesses(matches: (fields: { pid: string; comm: string; group: number }) => boolean): ProcessSample {
  let rssKb = 0;
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      // After the command name: state, ppid, pgrp, … utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (!matches({ pid, comm, group: Number(fields[2]) })) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
      const rss = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      rssKb += Number(rss?.[1] ?? 0);
    } catch {
      // Exited while being read.
    }
  }
  return { rssKb, cpuS: ticks / TICKS_PER_SECOND };
}

export const sampleGroup = (group: number) => sampleProcesses((p) => p.group === group);

export const sampleProcess = (pid: number) => sampleProcesses((p) => p.pid === String(pid));

/** Every PostgreSQL process on the machine: the server is shared, so this includes other databases' work. */
export const samplePostgres = () => sampleProcesses((p) => p.comm === "postgres" || p.comm.startsWith("postgres:"));

/** CPU seconds the whole machine spent busy so far (every core, every process). */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait is work.
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - ticks[3]! - ticks[4]!) / TICKS_PER_SECOND;
}

export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
