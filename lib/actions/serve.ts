import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { perform, type ActionSpec } from "@/lib/access/pipeline";
import { getActor } from "@/lib/auth/session";
import type { Result } from "@/lib/errors";

/** An action spec as a server action: the session's actor, the pipeline, and the re-render on success. */
export function serve<I extends z.ZodType, T extends object>(spec: ActionSpec<I, T>) {
  return async (input: z.input<I>): Promise<Result<T>> => {
    const result = await perform(spec, await getDb(), await getActor(), input);
    const area = result.ok && (typeof spec.revalidate === "function" ? spec.revalidate(result) : spec.revalidate);
    if (area) revalidatePath(area, "layout");
    return result;
  };
}
