import { truncateText } from "@/lib/text";

// The excerpt of the last message the list shows under the contact's name.
const PREVIEW_LENGTH = 120;

/** The list's excerpt of a message, never cutting a character in two. */
export function messagePreview(body: string): string {
  return truncateText(body, PREVIEW_LENGTH);
}
