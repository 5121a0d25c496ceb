// Migrations run when the server starts, before the first request; not while `next build`
// collects pages, when several workers would open the embedded database at once. The
// automations worker starts with the server unless TURNO_WORKER=off (e.g. when it runs apart).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getConnection, getDb } = await import("./db/client");
  const connection = await getConnection();
  console.log(`Base de datos lista (${connection.engine === "postgres" ? "PostgreSQL" : "PGlite"}).`);
  if (process.env.TURNO_WORKER !== "off") {
    const { startWorker } = await import("./lib/automations/worker");
    startWorker(getDb);
  }
}
