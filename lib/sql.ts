import { sql, type Column, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

/**
 * A uuid[] as one parameter. Drizzle expands a JS array into one parameter per element,
 * which would hit PostgreSQL's 65,535-parameter limit on a large selection.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;
}

const ACCENTED = "áàäâãéèëêíìïîóòöôõúùüûñç";
const PLAIN = "aaaaaeeeeiiiiooooouuuunc";

/** Text folded for search: lower case, Spanish accents dropped ("Ramírez" → "ramirez"). */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC");
}

/**
 * `column` contains `text`, ignoring case and accents, so "ramirez" finds "Ramírez". translate()
 * rather than the unaccent extension, which the embedded database does not ship.
 */
export function containsFolded(column: Column, text: string): SQL {
  const pattern = `%${foldText(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`translate(lower(${column}), ${ACCENTED}, ${PLAIN}) like ${pattern}`;
}

/**
 * Runs `work` with server settings changed for the current transaction only (set_config with
 * is_local), then puts back what was there. If `work` throws, the rollback undoes them anyway.
 */
export async function withLocalSettings<T>(tx: Database, settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  const [row] = await queryRows<Record<string, string>>(
    tx,
    sql`select ${sql.join(
      names.map((name, i) => sql`current_setting(${name}) as ${sql.identifier(`s${i}`)}, set_config(${name}, ${settings[name]!}, true)`),
      sql`, `,
    )}`,
  );
  const result = await work();
  await tx.execute(
    sql`select ${sql.join(
      names.map((name, i) => sql`set_config(${name}, ${row![`s${i}`]!}, true)`),
      sql`, `,
    )}`,
  );
  return result;
}
