import { connect } from "@/db/client";
import { DemoSeedRefused, seedDemo } from "./demo";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";

const conn = await connect();
try {
  const started = performance.now();
  const result = await seedDemo(conn.db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!result.seeded) {
    console.log(`La demo ya está cargada (${DEMO_ACCOUNTS.map((a) => a.name).join(" y ")}): no se cambió nada.`);
  } else {
    const c = result.counts;
    console.log(`Demo cargada en ${seconds} s (${conn.engine === "postgres" ? "PostgreSQL" : "PGlite"}): ${result.accounts.join(" y ")}.`);
    console.log(`  ${c.accounts} cuentas, ${c.users} usuarios, ${c.groups} grupos`);
    console.log(`  ${c.contacts} contactos, ${c.opportunities} oportunidades, ${c.activities} actividades, ${c.tasks} tareas`);
    console.log(`  ${c.conversations} conversaciones, ${c.messages} mensajes, ${c.historyEntries} entradas de historial`);
    console.log(`Usuarios: ${DEMO_ACCOUNTS.flatMap((a) => a.users.filter((u) => u.active).map((u) => u.email)).join(", ")}`);
    console.log(`Contraseña de todos: ${DEMO_PASSWORD}`);
  }
} catch (error) {
  if (error instanceof DemoSeedRefused) {
    console.error(`No se cargó la demo. ${error.message}`);
    // A distinct code, so ./run can start the app on a database that holds real accounts.
    process.exitCode = 3;
  } else {
    console.error("No se pudo cargar la demo por un error inesperado:", error);
    process.exitCode = 1;
  }
} finally {
  await conn.close();
}
