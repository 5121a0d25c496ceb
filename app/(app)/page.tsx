import { redirect } from "next/navigation";
import { canSeeInbox } from "@/lib/access/inbox";
import { requireActor } from "@/lib/access/session";

export default async function HomePage() {
  const actor = await requireActor();
  redirect(canSeeInbox(actor.role) ? "/inbox" : "/contacts");
}
