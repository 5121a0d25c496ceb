import { getTranslations } from "next-intl/server";
import { CenteredNotice } from "@/components/ui/centered-notice";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return <CenteredNotice heading title={t("notFoundTitle")} text={t("notFound")} link={{ href: "/", label: t("goHome") }} />;
}
