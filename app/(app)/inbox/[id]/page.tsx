import { InboxScreen } from "../inbox-screen";
import { inboxMetadata } from "../title";

export const generateMetadata = inboxMetadata;

export default async function ConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  return <InboxScreen searchParams={query} conversationId={id} />;
}
