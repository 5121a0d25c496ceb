import { sql, type Column, type SQL } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";

/**
 * A uuid[] as one parameter. Drizzle expands a JS array into one parameter per element,
 * which would hit PostgreSQL's 65,535-parameter limit on a large selection.
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;
}

/** Text folded for search: lower case, Spanish accents dropped ("Ramírez" → "ramirez"). */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC");
}

/**
 * `column` contains `text`, ignoring case and accents, so "ramirez" finds "Ramírez". turno_fold()
 * (migration 0017, a translate() rather than unaccent, which the embedded database does not ship)
 * is also what the contacts' trigram index holds, so from three characters the index serves it.
 */
export function containsFolded(column: Column, text: string): SQL {
  return sql`turno_fold(${column}) like ${containsPattern(foldText(text))}`;
}

/**
 * The same test against a column that already holds turno_fold() of the text (contacts.name_folded).
 *
 * Several words ("jose ramir") are looked up in the trigram index word by word, and the text as
 * typed is then checked on the candidates only. For the whole text pg_trgm also takes the trigrams
 * of the word boundaries ("  r", " ra", "on "), which a large share of all names contain: reading
 * them was half the search's time at a million contacts (10–14 ms of 18–24). Concatenating '' keeps
 * that exact check out of the index scan. A word without three letters or digits in a row has no
 * trigram of its own (pg_trgm splits at anything else), so such a text is looked up whole.
 */
export function foldedContains(foldedColumn: Column, text: string): SQL {
  const folded = foldText(text);
  const exact = containsPattern(folded);
  const words = folded.split(/\s+/).filter(Boolean);
  if (words.length < 2 || !words.every((word) => /[\p{L}\p{N}]{3}/u.test(word))) return sql`${foldedColumn} like ${exact}`;
  const eachWord = words.map((word) => sql`${foldedColumn} like ${containsPattern(word)}`);
  return sql`(${sql.join(eachWord, sql` and `)} and (${foldedColumn} || '') like ${exact})`;
}

/** A LIKE pattern for "contains `text`", its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
