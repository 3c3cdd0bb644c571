import Link from "next/link";
import { redirect } from "next/navigation";
import { currentSession } from "@/server/session";

export default async function Home() {
  if (await currentSession()) redirect("/tasks");
  return (
    <section className="hero">
      <h1>Get things done, privately.</h1>
      <p>A simple, fast task list. Your tasks are yours alone.</p>
      <div className="actions">
        <Link className="button" href="/sign-up">
          Create an account
        </Link>
        <Link className="button secondary" href="/sign-in">
          Sign in
        </Link>
      </div>
    </section>
  );
}
