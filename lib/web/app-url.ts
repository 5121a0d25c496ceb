/**
 * Where people reach the app (APP_URL, e.g. https://turno.example.com), when it is configured. Read
 * at run time, so one build serves any address.
 */
export function configuredAppUrl(): URL | null {
  const value = process.env.APP_URL;
  return value && URL.canParse(value) ? new URL(value) : null;
}

/** Served over HTTPS: browsers are told to stay on it (HSTS) and cookies are sent on it only. */
export function servedOverHttps(): boolean {
  return configuredAppUrl()?.protocol === "https:";
}
