// npm run bench [-- --quick] [-- --only=bulk,search,http,live] [-- --pglite]: every part unless --only
// names some. Each part creates and drops its own PostgreSQL database (on DATABASE_URL's server,
// else 127.0.0.1:5432); --pglite also runs bulk and search on an in-memory PGlite.
// bulk: "Todas" over 100,000 against the hand-written floor and the single dialog (scripts/bench/bulk.ts).
// search: the inbox lists, the search box and its count in one account of 1,000,000 (scripts/bench/search.ts).
// http: pages, webhook and a webhook inside a running bulk, against next start (scripts/bench/http.ts).
// live: the live inbox's SSE delivery over two built instances (scripts/bench/live.ts).
// Not a test: it prints a report, the targets, and one `figure <name> <value>` line per figure.
import { benchBulk } from "@/scripts/bench/bulk";
import { type Engine } from "@/scripts/bench/database";
import { benchHttp } from "@/scripts/bench/http";
import { benchLive } from "@/scripts/bench/live";
import { benchSearch } from "@/scripts/bench/search";

const quick = process.argv.includes("--quick");
const PARTS = ["bulk", "search", "http", "live"];
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length).split(",");
const unknown = only?.filter((part) => !PARTS.includes(part)) ?? [];
if (unknown.length > 0) {
  console.error(`parte desconocida: ${unknown.join(", ")} (hay: ${PARTS.join(", ")})`);
  process.exit(2);
}
const runs = (part: string) => !only || only.includes(part);
const say = (line: string) => console.log(line);

// The figures come from PostgreSQL; --pglite runs the parts that apply to the embedded default on it too.
const engines: Engine[] = process.argv.includes("--pglite") ? ["postgres", "pglite"] : ["postgres"];
for (const engine of engines) {
  if (runs("bulk")) await benchBulk({ quick, say, engine });
  if (runs("search")) await benchSearch({ quick, say, engine });
}
if (runs("http")) await benchHttp({ quick, say });
if (runs("live")) await benchLive({ quick, say });
