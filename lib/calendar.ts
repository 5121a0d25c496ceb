import { z } from "zod";

// Dates and times that arrive as text (URL parameters, cursors) and go to PostgreSQL as a cast:
// checked here field by field, so an impossible one ("2024-13-45", year 0) falls back or is
// refused before the database can fail on it.

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar day "YYYY-MM-DD" between years 1 and 9999 (PostgreSQL has no year 0). */
export const calendarDay = z.string().refine((text) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
});

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:([+-])(\d{2})(?::?(\d{2}))?|Z)$/;

/**
 * PostgreSQL's own text form of a timestamptz ("2024-03-11 04:30:00.123456+00"), kept as text
 * so no microsecond is lost on the way, with every field in range.
 */
export const timestampText = z.string().refine((text) => {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [, year, month, day, hour, minute, second, , , offsetHours, offsetMinutes] = m;
  return (
    isRealDay(Number(year), Number(month), Number(day)) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60 &&
    Number(offsetHours ?? 0) <= 15 &&
    Number(offsetMinutes ?? 0) < 60
  );
});
