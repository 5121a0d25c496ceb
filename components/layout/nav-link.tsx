"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const active = usePathname().startsWith(href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={clsx(
        "shrink-0 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap",
        active ? "bg-brand-50 text-brand-700" : "text-muted hover:bg-slate-100",
      )}
    >
      {children}
    </Link>
  );
}
