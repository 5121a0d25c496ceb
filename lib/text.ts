import { z } from "zod";

/**
 * Text PostgreSQL can store and every client can show: no NUL (PostgreSQL refuses it in text) and
 * no lone UTF-16 surrogate (not a character at all; it would be stored as U+FFFD or refused).
 */
export function isCleanText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** A string field that refuses unstorable text with `error` (a message key of the form's catalogue). */
export function cleanString(error = "invalidText") {
  return z.string().refine(isCleanText, { error });
}

/**
 * Whether every string anywhere in an action's input is clean: the pipeline refuses the rest as
 * invalid_input before any rule or query sees it. Deeply nested or huge inputs are refused too.
 */
export function isCleanInput(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (typeof value === "string") return isCleanText(value);
  if (Array.isArray(value)) return value.every((item) => isCleanInput(item, depth + 1));
  if (value && typeof value === "object") {
    return Object.entries(value).every(([key, item]) => isCleanText(key) && isCleanInput(item, depth + 1));
  }
  return true;
}

/** Drops what can't be stored, for text that must be kept rather than refused (a URL's search box). */
export function stripUnstorable(value: string): string {
  return value.replace(/\u0000/g, "").toWellFormed();
}

/** At most `max` UTF-16 units, never cutting a character in two (half of one is a lone surrogate). */
export function truncateText(value: string, max: number): string {
  if (value.length <= max) return value;
  const last = value.charCodeAt(max - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
