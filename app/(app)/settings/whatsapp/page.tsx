import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { accountChannel } from "@/lib/whatsapp/channel";
import { listDeadLetters, SHOWN_PAYLOAD } from "@/lib/whatsapp/dead-letters";
import { PageFrame } from "@/components/layout/page-frame";
import { PageSection } from "@/components/layout/page-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("whatsappSettings"))("title") };
}

export default async function WhatsAppSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { before } = await searchParams;
  const db = await getDb();
  const [number, letters, t, format] = await Promise.all([
    accountChannel(db, actor),
    listDeadLetters(db, actor, typeof before === "string" ? before : undefined),
    getTranslations("whatsappSettings"),
    getFormatter(),
  ]);
  if (!number.ok || !letters.ok) notFound();

  return (
    <PageFrame title={t("title")} intro={t("intro")} spacing={6}>

      <PageSection id="number-title" title={t("numberTitle")} card compact>
        {number.channel ? (
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-muted">{t("displayPhone")}</dt>
            <dd className="font-medium">{number.channel.displayPhone}</dd>
            <dt className="text-muted">{t("phoneNumberId")}</dt>
            <dd className="font-mono break-all">{number.channel.phoneNumberId}</dd>
          </dl>
        ) : (
          <p className="text-sm text-muted">{t("noNumber")}</p>
        )}
      </PageSection>

      <section aria-labelledby="dead-letters-title" className="space-y-3">
        <div>
          <h2 id="dead-letters-title" className="font-semibold">
            {t("deadLettersTitle")}
          </h2>
          <p className="text-sm text-muted">{t("deadLettersIntro")}</p>
        </div>
        <p className="text-sm font-medium" role="status" data-testid="dead-letter-count">
          {t("count", { count: letters.total })}
        </p>
        {letters.rows.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center">
            <p className="font-medium">{t("empty")}</p>
            <p className="text-sm text-muted">{t("emptyHint")}</p>
          </div>
        ) : (
          <ol className="space-y-2">
            {letters.rows.map((letter) => (
              <li key={letter.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="dead-letter">
                <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t(`kind.${letter.kind}`)}</span>
                  <span className="text-muted">
                    {t("receivedAt")}{" "}
                    <time dateTime={letter.receivedAt.toISOString()}>
                      {format.dateTime(letter.receivedAt, { dateStyle: "medium", timeStyle: "medium" })}
                    </time>
                  </span>
                </p>
                <p className="text-sm break-words">
                  <span className="font-medium">{t("reason")}:</span> {letter.reason}
                </p>
                <details className="text-sm">
                  <summary className="cursor-pointer text-brand-600 underline">{t("payload")}</summary>
                  <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs break-all whitespace-pre-wrap text-slate-800">
                    {letter.payload}
                  </pre>
                  {letter.truncated ? (
                    <p className="mt-1 text-xs text-muted">
                      {t("truncated", { shown: SHOWN_PAYLOAD, total: letter.payloadLength })}
                    </p>
                  ) : null}
                </details>
              </li>
            ))}
          </ol>
        )}
        {before || letters.nextBefore ? (
          <nav aria-label={t("pages")} className="flex gap-4 text-sm">
            {before ? (
              <Link href="/settings/whatsapp" className="text-brand-600 underline">
                {t("backToTop")}
              </Link>
            ) : null}
            {letters.nextBefore ? (
              <Link href={`/settings/whatsapp?before=${letters.nextBefore}`} className="text-brand-600 underline">
                {t("older")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </PageFrame>
  );
}
