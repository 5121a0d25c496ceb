"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { sendReplyAction } from "@/lib/actions/inbox";
import { Button } from "@/components/ui/button";
import { useLive } from "@/components/live/live-provider";

const draftKey = (conversationId: string) => `turno:draft:${conversationId}`;

/**
 * Reply box. The draft is kept in the browser per conversation until it is sent, so a
 * reload or a detour to another conversation loses nothing.
 */
export function ReplyBox({ conversationId, windowOpen }: { conversationId: string; windowOpen: boolean }) {
  const t = useTranslations("reply");
  const te = useTranslations("errors");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const field = useRef<HTMLTextAreaElement>(null);
  const live = useLive();

  useEffect(() => {
    setBody(localStorage.getItem(draftKey(conversationId)) ?? "");
    setError(null);
  }, [conversationId]);

  function update(value: string) {
    if (value) live?.typing();
    setBody(value);
    if (value) localStorage.setItem(draftKey(conversationId), value);
    else localStorage.removeItem(draftKey(conversationId));
  }

  function send() {
    if (!body.trim() || pending) return;
    setError(null);
    startTransition(async () => {
      const result = await sendReplyAction({ conversationId, body });
      if (!result.ok) {
        setError(te(result.error));
        return;
      }
      update("");
      field.current?.focus();
    });
  }

  if (!windowOpen) {
    return (
      <p className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-muted" data-testid="reply-closed">
        {t("windowClosed")}
      </p>
    );
  }
  return (
    <form
      className="border-t border-slate-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="reply" className="sr-only">
        {t("label")}
      </label>
      <div className="flex items-end gap-2">
        <textarea
          id="reply"
          ref={field}
          value={body}
          onChange={(e) => update(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          rows={2}
          maxLength={4096}
          placeholder={t("placeholder")}
          aria-describedby="reply-help"
          className="block min-h-10 w-full resize-y rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <Button type="submit" disabled={pending || !body.trim()}>
          {pending ? t("sending") : t("send")}
        </Button>
      </div>
      <p id="reply-help" className="mt-1 text-xs text-muted">
        {t("help")}
      </p>
      {error ? (
        <p className="mt-1 text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
