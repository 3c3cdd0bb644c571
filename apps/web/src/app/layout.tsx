import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SessionFollower } from "@/components/session-follower";
import { SignOutButton } from "@/components/sign-out-button";
import { currentSession } from "@/server/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Todo", template: "%s · Todo" },
  description: "Your tasks, private to you.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  return (
    <html lang="en">
      <body>
        <a className="sr-only" href="#main">
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
          </div>
        </header>
        <main id="main">{children}</main>
        {session && <SessionFollower />}
      </body>
    </html>
  );
}
