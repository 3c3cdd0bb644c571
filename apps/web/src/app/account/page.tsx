import type { Metadata } from "next";
import { ChangePassword } from "@/components/change-password";
import { DataTransfer } from "@/components/data-transfer";
import { DeleteAccount } from "@/components/delete-account";
import { SessionsList } from "@/components/sessions-list";
import { getServer } from "@/server/auth";
import { requireSession } from "@/server/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user } = await requireSession("/account");
  const { config } = await getServer();
  return (
    <div className="account">
      <h1>Your account</h1>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="sr-only">
          Profile
        </h2>
        <dl>
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Member since</dt>
          <dd>{new Date(user.createdAt).toLocaleDateString("en", { dateStyle: "long" })}</dd>
        </dl>
      </section>
      <SessionsList />
      <DataTransfer apiUrl={config.apiUrl} />
      <ChangePassword />
      <DeleteAccount />
    </div>
  );
}
