/**
 * Where keyboard focus lands when a dialog closes. The control that opened it may be gone by then
 * (the flow just deleted, the selection bar that closed): focus then goes to the given fallback,
 * else to the heading of the nearest part of the page that is still there, else the page's <h1>,
 * never to the top of the document.
 */
export interface FocusReturn {
  opener: HTMLElement | null;
  /** Headings of the sections around the opener, closest first, as they were when it opened. */
  headings: HTMLElement[];
}

export function rememberOpener(): FocusReturn {
  const active = document.activeElement;
  const opener = active instanceof HTMLElement && active !== document.body ? active : null;
  const headings: HTMLElement[] = [];
  for (let node = opener?.closest("section[aria-labelledby]"); node; node = node.parentElement?.closest("section[aria-labelledby]")) {
    const heading = document.getElementById(node.getAttribute("aria-labelledby")!);
    if (heading) headings.push(heading);
  }
  return { opener, headings };
}

export function returnFocus({ opener, headings }: FocusReturn, fallback: HTMLElement | null | undefined) {
  const pageHeading = document.querySelector<HTMLElement>("h1");
  const target = [opener, fallback, ...headings, pageHeading].find((element) => element?.isConnected);
  if (!target) return;
  // A heading is not a control: focusable from script only (tabindex -1), never a Tab stop.
  if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.tabIndex = -1;
  target.focus();
}

/**
 * A ref for what replaces the control that had focus (a result in place of its form): it takes
 * the focus, so the keyboard stays where the person was working and a screen reader reads it.
 */
export function focusOnMount(element: HTMLElement | null) {
  element?.focus();
}
