import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests assert what callers get back; the error logs of the failures they provoke on purpose are noise here.
    env: { LOG_LEVEL: "silent" },
    // next-auth imports "next/server" without an extension, which only a bundler resolves: the
    // tests that run the app's server actions in-process load it through Vite.
    server: { deps: { inline: ["next-auth"] } },
  },
});
