import { InboxScreen } from "./inbox-screen";
import { inboxMetadata } from "./title";

export const generateMetadata = inboxMetadata;

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <InboxScreen searchParams={await searchParams} />;
}
