import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { safeReturnPath } from "@/lib/safe-redirect";
import { currentSession } from "@/server/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  const returnTo = safeReturnPath(typeof next === "string" ? next : undefined);
  // A signed-in visitor has nothing to do here.
  if (await currentSession()) redirect(returnTo);
  return <AuthForm mode="sign-in" next={returnTo} />;
}
