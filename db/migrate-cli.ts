import { connect } from "./client";

const conn = await connect({ migrate: false });
console.log(`Aplicando migraciones (${conn.engine === "postgres" ? "PostgreSQL" : "PGlite"})…`);
await conn.migrate();
await conn.close();
console.log("Migraciones aplicadas.");
