import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { SessionFollower } from "@/components/session-follower";
import { SignOutButton } from "@/components/sign-out-button";
import { ThemeSwitcher } from "@/components/theme-switcher";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";
import { currentSession } from "@/server/session";
import "./globals.css";
import "./sharing.css";
import "./quick-add.css";
import "./ordering.css";

export const metadata: Metadata = {
  title: { default: "Todo", template: "%s · Todo" },
  description: "Your tasks, private to you.",
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
            <nav className="nav" aria-label="Account">
              {session ? (
                <>
                  <span className="who">{session.user.name}</span>
                  <Link href="/tasks">Tasks</Link>
                  <Link href="/account">Account</Link>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/sign-in">Sign in</Link>
                  <Link className="button" href="/sign-up">
                    Sign up
                  </Link>
                </>
              )}
            </nav>
            <ThemeSwitcher initial={theme} />
          </div>
        </header>
        <main id="main">{children}</main>
        {session && <SessionFollower />}
      </body>
    </html>
  );
}
