import { redirect } from "next/navigation";
import { roleMay } from "@/lib/access/policy";
import { requireActor } from "@/lib/auth/session";

export default async function HomePage() {
  const actor = await requireActor();
  redirect(roleMay(actor.role, "seeInbox") ? "/inbox" : "/contacts");
}
