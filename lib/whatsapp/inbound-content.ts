import { MESSAGE_TYPES } from "@/db/schema";
import type { WebhookMessage } from "./payload";

type MessageType = (typeof MESSAGE_TYPES)[number];

// What the inbox shows for a message without text: its caption, or a readable placeholder.
const PLACEHOLDERS: Record<Exclude<MessageType, "text">, string> = {
  image: "[Imagen]",
  audio: "[Audio]",
  video: "[Video]",
  document: "[Documento]",
  sticker: "[Sticker]",
  location: "[Ubicación]",
  contacts: "[Contacto compartido]",
  unsupported: "[Mensaje no compatible]",
};

export function inboundContent(message: WebhookMessage): { type: MessageType; body: string } {
  if (message.type === "text" && message.text) return { type: "text", body: message.text.body };
  const type = (MESSAGE_TYPES as readonly string[]).includes(message.type) && message.type !== "text"
    ? (message.type as Exclude<MessageType, "text">)
    : "unsupported";
  const caption =
    type === "image" ? message.image?.caption : type === "video" ? message.video?.caption : type === "document" ? (message.document?.caption ?? message.document?.filename) : undefined;
  return { type, body: caption?.trim() ? `${PLACEHOLDERS[type]} ${caption.trim()}` : PLACEHOLDERS[type] };
}
