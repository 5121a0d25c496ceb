import { sql, type Column, type SQL } from "drizzle-orm";

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
