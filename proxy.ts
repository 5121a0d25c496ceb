import { NextResponse, type NextRequest } from "next/server";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { contentSecurityPolicy, newNonce, transportSecurity } from "@/lib/web/security-headers";

// Only cheap redirects from the session cookie: every page, action and route checks the
// session, role, plan and tenant again from the database. Every answer carries the page's
// security policy, with a nonce of its own.
export default async function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(newNonce());
  const response = await route(request, policy);
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(transportSecurity())) response.headers.set(name, value);
  return response;
}

async function route(request: NextRequest, policy: string): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const session = await readSessionCookie(request);

  if (!session && pathname !== "/login") {
    const login = new URL("/login", request.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", sameOriginPath(pathname + search, request.nextUrl.origin));
    return NextResponse.redirect(login);
  }
  if (session && pathname.startsWith("/inbox") && session.role === "editor") {
    return NextResponse.redirect(new URL("/", request.nextUrl));
  }
  // Next takes the nonce for its scripts from the policy on the request.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but the auth API, the WhatsApp webhook (Meta has no session), the health check,
  // Next's assets and public files — and the live stream: it checks its session itself, has no
  // page to protect, and the gate's objects would stay alive as long as the stream does (≈ 30–35 KB
  // per open connection, measured), which is what a thousand open inboxes cost an instance.
  matcher: ["/((?!api/auth|api/whatsapp|api/health|api/live$|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|webp)$).*)"],
};
