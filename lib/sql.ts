import { sql, type SQL } from "drizzle-orm";

/**
 * A uuid[] as one parameter. Drizzle expands a JS array into one parameter per element,
 * which would hit PostgreSQL's 65,535-parameter limit on a large selection.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;
}
