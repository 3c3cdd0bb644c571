import { redirect } from "next/navigation";
import { safeReturnPath } from "@/lib/safe-redirect";
import { currentSession } from "@/server/session";
import { AuthForm } from "./auth-form";

export type AuthSearchParams = Promise<{ next?: string | string[] }>;

/** Sign-in and sign-up pages: a validated return path, and no form for someone signed in. */
export async function AuthPage({
  mode,
  searchParams,
}: {
  mode: "sign-in" | "sign-up";
  searchParams: AuthSearchParams;
}) {
  const { next } = await searchParams;
  const returnTo = safeReturnPath(typeof next === "string" ? next : undefined);
  if (await currentSession()) redirect(returnTo);
  return <AuthForm mode={mode} next={returnTo} />;
}
