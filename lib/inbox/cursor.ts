import { z } from "zod";
import { timestampText } from "@/lib/calendar";

// Keyset pagination: the cursor is the (time, id) of the last row shown. The time travels as
// PostgreSQL's own text form, because a JS Date would drop the microseconds and rows sharing a
// millisecond would be skipped or repeated.
const idShapes = {
  uuid: z.uuid(),
  number: z.string().regex(/^[1-9]\d{0,17}$/),
};

export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

/** Null for anything that isn't a cursor this app made: the list then starts from the top. */
export function decodeCursor(value: string | undefined, idKind: keyof typeof idShapes = "uuid"): Cursor | null {
  if (!value) return null;
  try {
    const parsed = z.tuple([timestampText, idShapes[idKind]]).safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { at: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
