import { NextResponse, type NextRequest } from "next/server";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { readSessionCookie } from "@/lib/auth/session-cookie";

// Only cheap redirects from the session cookie: every page, action and route checks the
// session, role, plan and tenant again from the database.
export default async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const session = await readSessionCookie(request);
  const isLogin = pathname === "/login";

  if (!session) {
    if (isLogin) return NextResponse.next();
    const login = new URL("/login", request.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", sameOriginPath(pathname + search, request.nextUrl.origin));
    return NextResponse.redirect(login);
  }
  if (pathname.startsWith("/inbox") && session.role === "editor") {
    return NextResponse.redirect(new URL("/", request.nextUrl));
  }
  return NextResponse.next();
}

export const config = {
  // Everything but the auth API, the WhatsApp webhook (Meta has no session), Next's assets and public files.
  matcher: ["/((?!api/auth|api/whatsapp|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|webp)$).*)"],
};
