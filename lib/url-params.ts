import { z } from "zod";

const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/**
 * One query-string parameter read leniently: a repeated one counts by its first value, an empty
 * one as absent, and anything unreadable falls back to "not given" rather than an error page.
 */
export const urlParam = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const value = firstValue(v);
    return value === "" || value === undefined ? undefined : value;
  }, schema.optional().catch(undefined));
