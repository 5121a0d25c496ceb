import { z } from "zod";

// Apart from selection.ts (which reads the database) so the bulk dialog can check its input in the browser.

/**
 * PostgreSQL's text form of a snapshot (pg_current_snapshot()): "xmin:xmax:xip,…", with
 * xmin ≤ every xip < xmax, ascending. Checked here, so a forged one is refused as input rather
 * than failing the cast in the database.
 */
const SNAPSHOT_TEXT = /^\d{1,19}:\d{1,19}:(\d{1,19}(,\d{1,19})*)?$/;
export const snapshotSchema = z
  .string()
  .max(20_000)
  .refine((text) => {
    if (!SNAPSHOT_TEXT.test(text)) return false;
    const [xmin, xmax, list] = text.split(":") as [string, string, string];
    const low = BigInt(xmin);
    const high = BigInt(xmax);
    const max = 2n ** 63n - 1n;
    if (low < 1n || high > max || low > high) return false;
    let previous = low;
    for (const xip of list ? list.split(",").map(BigInt) : []) {
      if (xip < previous || xip >= high) return false;
      previous = xip;
    }
    return true;
  });
