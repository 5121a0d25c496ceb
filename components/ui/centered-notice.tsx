import Link from "next/link";

/** A message in place of a page's content, with the way on: "not found", "no longer yours". */
export function CenteredNotice({
  title,
  text,
  link,
  heading = false,
  testId,
}: {
  title: string;
  text: string;
  link: { href: string; label: string };
  /** The page's own <h1> (a page of its own) rather than a line inside another page. */
  heading?: boolean;
  testId?: string;
}) {
  return (
    <div className="m-auto max-w-md space-y-3 p-8 text-center" data-testid={testId}>
      {heading ? <h1 className="text-xl font-semibold">{title}</h1> : <p className="font-medium">{title}</p>}
      <p className="text-sm text-muted">{text}</p>
      <Link href={link.href} className="inline-block text-sm font-medium text-brand-600 underline">
        {link.label}
      </Link>
    </div>
  );
}
