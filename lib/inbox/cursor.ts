import { z } from "zod";

// Keyset pagination: the cursor is the (last_message_at, id) of the last row shown. The time
// travels as PostgreSQL's own text form, because a JS Date would drop the microseconds and
// rows sharing a millisecond would be skipped or repeated.
const timestampText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/);
const cursorShape = z.tuple([timestampText, z.uuid()]);

export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

/** Null for anything that isn't a cursor this app made: the list then starts from the top. */
export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { at: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
