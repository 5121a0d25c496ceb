// Meta lets a business answer freely for 24 hours after the customer's last message.
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export function windowClosesAt(lastInboundAt: Date | null): Date | null {
  return lastInboundAt ? new Date(lastInboundAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS) : null;
}

export function isWindowOpen(lastInboundAt: Date | null, now: Date = new Date()): boolean {
  const closesAt = windowClosesAt(lastInboundAt);
  return closesAt !== null && closesAt.getTime() > now.getTime();
}
