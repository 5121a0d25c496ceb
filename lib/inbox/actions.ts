import { z } from "zod";
import { defineAction } from "@/lib/access/pipeline";
import { countMatching } from "./selection";

/** "Todas": how many the filter matches now, and the snapshot the bulk action will hold it to. */
export const countSelection = defineAction({
  name: "countSelection",
  input: z.record(z.string().max(40), z.string().max(200)),
  permission: "changeConversations",
  run: (tx, actor, params) => countMatching(tx, actor, params),
});
