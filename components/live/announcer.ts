/** The app layout's polite live region: it outlives page changes, so what is put in it gets said. */
export const ANNOUNCER_ID = "live-announcer";

/** Says `text` politely to screen readers, without moving the focus. */
export function announcePolitely(text: string) {
  const region = document.getElementById(ANNOUNCER_ID);
  if (!region) return;
  // Emptied first, so the same words said twice are said twice.
  region.textContent = "";
  requestAnimationFrame(() => {
    region.textContent = text;
  });
}
