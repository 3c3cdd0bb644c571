import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { HeaderMenu } from "@/components/header-menu";
import { ServiceWorker } from "@/components/service-worker";
import { SessionFollower } from "@/components/session-follower";
import { SignOutButton } from "@/components/sign-out-button";
import { SignedOutNav } from "@/components/signed-out-nav";
import { ThemeSwitcher } from "@/components/theme-switcher";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";
import { currentSession } from "@/server/session";
import "./globals.css";
import "./sharing.css";
import "./quick-add.css";
import "./ordering.css";
import "./phone.css";

export const metadata: Metadata = {
  title: { default: "Todo", template: "%s · Todo" },
  description: "Your tasks, private to you.",
  appleWebApp: { capable: true, title: "Todo", statusBarStyle: "default" },
};

// The browser's own bars in the page's colours, light or dark (the manifest can name only one).
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7fb" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1117" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  // Rendered on the server from the visitor's cookie: the first paint is already in their theme,
  // with no inline script under the nonce-based policy (decision 0014).
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body>
        <a className="sr-only skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="inner">
            <Link className="brand" href={session ? "/tasks" : "/"}>
              <span className="brand-mark" aria-hidden="true">
                ✓
              </span>
              Todo
            </Link>
            <HeaderMenu>
              <nav className="nav" aria-label="Account">
                {session ? (
                  <>
                    <span className="who">{session.user.name}</span>
                    <Link href="/tasks">Tasks</Link>
                    <Link href="/account">Account</Link>
                    <SignOutButton />
                  </>
                ) : (
                  <SignedOutNav />
                )}
              </nav>
              <ThemeSwitcher initial={theme} />
            </HeaderMenu>
          </div>
        </header>
        <main id="main">{children}</main>
        {session && <SessionFollower />}
        <ServiceWorker />
      </body>
    </html>
  );
}
