import { getFormatter, getTranslations } from "next-intl/server";
import type { ConversationDetail } from "@/lib/inbox/get-conversation";

export async function ContactPanel({ detail }: { detail: ConversationDetail }) {
  const [t, format] = await Promise.all([getTranslations("contactPanel"), getFormatter()]);
  const { contact } = detail;
  const due = (date: Date | null) =>
    date ? t("due", { date: format.dateTime(date, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) }) : t("noDue");
  return (
    <aside aria-label={t("title")} className="space-y-5 text-sm" data-testid="contact-panel">
      <section>
        <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">{t("title")}</h2>
        <p className="mt-1 text-base font-semibold">{contact.name}</p>
        <dl className="mt-2 space-y-1">
          <Field label={t("phone")} value={contact.phone} />
          {contact.email ? <Field label={t("email")} value={contact.email} /> : null}
          {contact.company ? <Field label={t("company")} value={contact.company} /> : null}
          <Field label={t("owner")} value={contact.ownerName ?? t("noOwner")} testId="contact-owner" />
        </dl>
      </section>
      <Section title={t("openDeals")} empty={t("noDeals")} testId="open-deals">
        {detail.openDeals.map((d) => (
          <li key={d.id} className="flex justify-between gap-2">
            <span>{d.title}</span>
            <span className="shrink-0 text-muted">
              {format.number(Number(d.amount), { style: "currency", currency: "USD", maximumFractionDigits: 0 })}
            </span>
          </li>
        ))}
      </Section>
      <Section title={t("pendingActivities")} empty={t("noActivities")} testId="pending-activities">
        {detail.pendingActivities.map((a) => (
          <li key={a.id}>
            <span className="font-medium">{t(`activityKinds.${a.kind}`)}:</span> {a.title}
            <span className="block text-xs text-muted">{due(a.dueAt)}</span>
          </li>
        ))}
      </Section>
      <Section title={t("pendingTasks")} empty={t("noTasks")} testId="pending-tasks">
        {detail.pendingTasks.map((task) => (
          <li key={task.id}>
            {task.title}
            <span className="block text-xs text-muted">{due(task.dueAt)}</span>
          </li>
        ))}
      </Section>
    </aside>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex gap-2">
      <dt className="w-28 shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 break-words" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Section({
  title,
  empty,
  testId,
  children,
}: {
  title: string;
  empty: string;
  testId: string;
  children: React.ReactNode[];
}) {
  return (
    <section data-testid={testId}>
      <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">
        {title} ({children.length})
      </h3>
      {children.length ? (
        <ul className="mt-1.5 space-y-1.5">{children}</ul>
      ) : (
        <p className="mt-1.5 text-muted">{empty}</p>
      )}
    </section>
  );
}
