import { parse } from "csv-parse/sync";

/**
 * The records of a CSV text as a spreadsheet reads them (quoted fields, doubled quotes, line
 * breaks inside quotes), read by csv-parse rather than by our own code, so the export is checked
 * against an independent reader. The caller strips the byte-order mark after checking it is there.
 */
export function parseCsv(text: string): string[][] {
  return parse(text, { record_delimiter: "\r\n", relax_quotes: false, skip_empty_lines: false }) as string[][];
}
