// npm run worker: delivers the automations outbox apart from the web app (PostgreSQL only: an
// embedded PGlite database belongs to the one process that opened it, and the app runs its own).
import { connect } from "@/db/client";
import { startWorker } from "@/lib/automations/worker";

if (!process.env.DATABASE_URL) {
  console.error("npm run worker necesita DATABASE_URL (PostgreSQL). Con PGlite, la app ya ejecuta el worker.");
  process.exit(2);
}
const conn = await connect();
console.log("Worker de automatizaciones en marcha (Ctrl+C para detener).");
const stop = startWorker(async () => conn.db, { intervalMs: 1_000 });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    stop();
    await conn.close();
    process.exit(0);
  });
}
