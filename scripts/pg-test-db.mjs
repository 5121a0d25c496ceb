// Creates, drops or pings a throwaway PostgreSQL database for one test run.
// Usage: node scripts/pg-test-db.mjs ping|create|drop [name]
import postgres from "postgres";

const [command, name = ""] = process.argv.slice(2);
if (command !== "ping" && !/^[a-z][a-z0-9_]{0,62}$/.test(name)) {
  console.error(`nombre de base de datos no válido: "${name}"`);
  process.exit(2);
}
const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const sql = postgres(adminUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
try {
  if (command === "ping") await sql`select 1`;
  else if (command === "create") await sql.unsafe(`create database "${name}"`);
  else if (command === "drop") await sql.unsafe(`drop database if exists "${name}" with (force)`);
  else throw new Error(`orden desconocida: ${command}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
}
