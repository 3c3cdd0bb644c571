import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import type { TestContext, TestUser } from "../../test/helper.js";
import { share } from "../../test/sharing.js";
import { describeApi } from "../../test/suite.js";

async function listOf(ctx: TestContext, owner: TestUser, name = "Trip") {
  return ((await ctx.call(owner, "POST", "/api/lists", { name })).json() as { id: string }).id;
}

async function invite(ctx: TestContext, owner: TestUser, listId: string, role = "editor") {
  const response = await ctx.call(owner, "POST", `/api/lists/${listId}/invites`, { role });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; code: string; role: string; expiresAt: string };
}

describeApi(
  "invite codes",
  (ctx) => {
    it("a code is 256 bits of base64url, shown once, stored only as its SHA-256, valid 7 days", async () => {
      const owner = await ctx().createUser();
      const listId = await listOf(ctx(), owner);
      const made = await invite(ctx(), owner, listId, "viewer");
      expect(made.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const days = (Date.parse(made.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThanOrEqual(7);
      const rows = await ctx().db.database.db.selectFrom("list_invite").selectAll().execute();
      const row = rows.find((r) => r.id === made.id);
      expect(row?.code_hash).toBe(createHash("sha256").update(made.code).digest("hex"));
      expect(JSON.stringify(rows)).not.toContain(made.code);
      const listed = (await ctx().call(owner, "GET", `/api/lists/${listId}/invites`)).json();
      expect(listed.items).toEqual([
        { id: made.id, role: "viewer", expiresAt: made.expiresAt, createdAt: expect.any(String) },
      ]);
      expect(JSON.stringify(listed)).not.toContain(made.code);
    });

    it("shows the invitee what it joins, then joins it with the code's role", async () => {
      const owner = await ctx().createUser({ name: "Olga" });
      const guest = await ctx().createUser({ name: "Gus" });
      const listId = await listOf(ctx(), owner, "Groceries");
      const made = await invite(ctx(), owner, listId, "viewer");
      const preview = await ctx().call(guest, "GET", `/api/invites/${made.code}`);
      expect(preview.json()).toEqual({
        listName: "Groceries",
        ownerName: "Olga",
        role: "viewer",
        expiresAt: made.expiresAt,
      });
      const accepted = await ctx().call(guest, "POST", `/api/invites/${made.code}/accept`);
      expect(accepted.statusCode).toBe(201);
      expect(accepted.json()).toEqual({ listId, role: "viewer" });
      const members = (await ctx().call(guest, "GET", `/api/lists/${listId}/members`)).json();
      expect(members.items).toEqual([
        { userId: owner.id, name: "Olga", role: "owner" },
        { userId: guest.id, name: "Gus", role: "viewer" },
      ]);
    });

    it("unknown, malformed, used, revoked and expired codes all answer the same 404, byte for byte", async () => {
      const owner = await ctx().createUser();
      const guest = await ctx().createUser();
      const other = await ctx().createUser();
      const listId = await listOf(ctx(), owner);
      const used = await invite(ctx(), owner, listId);
      await ctx().call(other, "POST", `/api/invites/${used.code}/accept`);
      const revoked = await invite(ctx(), owner, listId);
      expect(
        (await ctx().call(owner, "DELETE", `/api/lists/${listId}/invites/${revoked.id}`))
          .statusCode,
      ).toBe(204);
      const expired = await invite(ctx(), owner, listId);
      await ctx()
        .db.database.db.updateTable("list_invite")
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where("id", "=", expired.id)
        .execute();
      const unknown = "A".repeat(43);
      const codes = [used.code, revoked.code, expired.code, "not-a-code", unknown];
      for (const method of ["GET", "POST"] as const) {
        const suffix = method === "POST" ? "/accept" : "";
        const answers = [];
        for (const code of codes) {
          answers.push(await ctx().call(guest, method, `/api/invites/${code}${suffix}`));
        }
        for (const answer of answers) {
          expect(answer.statusCode).toBe(404);
          expect(answer.body).toBe(answers.at(-1)?.body);
          expect(answer.json().code).toBe("INVITE_NOT_FOUND");
        }
      }
      const members = (await ctx().call(owner, "GET", `/api/lists/${listId}/members`)).json();
      expect(members.items.map((m: { userId: string }) => m.userId)).toEqual([owner.id, other.id]);
      // The next invite clears the spent ones away; the live one stays.
      const next = await invite(ctx(), owner, listId);
      const rows = await ctx()
        .db.database.db.selectFrom("list_invite")
        .select("id")
        .where("list_id", "=", listId)
        .execute();
      expect(rows.map((r) => r.id)).toEqual([next.id]);
    });

    it("is single-use: of parallel accepts by different people exactly one joins", async () => {
      const owner = await ctx().createUser();
      const listId = await listOf(ctx(), owner);
      const made = await invite(ctx(), owner, listId);
      const guests = await Promise.all(Array.from({ length: 8 }, () => ctx().createUser()));
      const answers = await Promise.all(
        guests.map((g) => ctx().call(g, "POST", `/api/invites/${made.code}/accept`)),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([
        201, 404, 404, 404, 404, 404, 404, 404,
      ]);
      const members = (await ctx().call(owner, "GET", `/api/lists/${listId}/members`)).json();
      expect(members.items).toHaveLength(2);
    });

    it("refuses the Inbox, an owner or member accepting again, and members over the limit", async () => {
      const owner = await ctx().createUser();
      const lists = (await ctx().call(owner, "GET", "/api/lists")).json();
      const inbox = lists.items[0].id;
      const refused = await ctx().call(owner, "POST", `/api/lists/${inbox}/invites`, {
        role: "viewer",
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("INBOX_NOT_SHAREABLE");

      const listId = await listOf(ctx(), owner);
      const own = await invite(ctx(), owner, listId);
      const mine = await ctx().call(owner, "POST", `/api/invites/${own.code}/accept`);
      expect(mine.json().code).toBe("ALREADY_MEMBER");
      const guest = await ctx().createUser();
      await share(ctx(), owner, listId, guest, "viewer");
      const again = await ctx().call(guest, "POST", `/api/invites/${own.code}/accept`);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe("ALREADY_MEMBER");
      // The refused accepts left the code unused: the owner still sees it pending.
      const pending = (await ctx().call(owner, "GET", `/api/lists/${listId}/invites`)).json();
      expect(pending.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
    });

    it("code requests do not put the code in any log line", async () => {
      const owner = await ctx().createUser();
      const guest = await ctx().createUser();
      const listId = await listOf(ctx(), owner);
      const made = await invite(ctx(), owner, listId);
      await ctx().call(guest, "GET", `/api/invites/${made.code}`);
      await ctx().call(guest, "POST", `/api/invites/${made.code}/accept`);
      await ctx().call(guest, "GET", `/api/invites/${made.code}?x=1`);
      const anonymous = await ctx().app.inject({ url: `/api/invites/${made.code}` });
      expect(anonymous.statusCode).toBe(401);
      expect(ctx().rawLogs()).not.toContain(made.code);
      const paths = ctx().logs.map((line) => line.path);
      expect(paths).toContain("/api/invites/[redacted]/accept");
      expect(ctx().logs.some((line) => line.event === "invite.accepted")).toBe(true);
      expect(ctx().logs.some((line) => line.event === "invite.created")).toBe(true);
    });

    it("writes an audit event for each sharing action, naming the list and never a code", async () => {
      const owner = await ctx().createUser();
      const [stays, goes] = [await ctx().createUser(), await ctx().createUser()];
      const listId = await listOf(ctx(), owner);
      await share(ctx(), owner, listId, stays, "viewer");
      await share(ctx(), owner, listId, goes, "editor");
      const revoked = await invite(ctx(), owner, listId);
      await ctx().call(owner, "DELETE", `/api/lists/${listId}/invites/${revoked.id}`);
      await ctx().call(owner, "PATCH", `/api/lists/${listId}/members/${stays.id}`, {
        role: "editor",
      });
      await ctx().call(owner, "DELETE", `/api/lists/${listId}/members/${goes.id}`);
      await ctx().call(stays, "DELETE", `/api/lists/${listId}/members/${stays.id}`);
      const events = ctx()
        .logs.filter((line) => line.listId === listId)
        .map((line) => line.event);
      for (const event of [
        "invite.created",
        "invite.accepted",
        "invite.revoked",
        "member.role_changed",
        "member.removed",
        "member.left",
      ]) {
        expect(events).toContain(event);
      }
      expect(ctx().rawLogs()).not.toContain(revoked.code);
    });
  },
  {
    sharing: {
      maxMembersPerList: 50,
      maxInvitesPerList: 20,
      codeAttempts: 1000,
      codeWindowMs: 60_000,
    },
  },
);

describeApi(
  "sharing limits",
  (ctx) => {
    it("refuses a third pending invite and a third member with their own codes, writing nothing", async () => {
      const owner = await ctx().createUser();
      const listId = await listOf(ctx(), owner);
      const first = await invite(ctx(), owner, listId);
      const second = await invite(ctx(), owner, listId);
      const third = await ctx().call(owner, "POST", `/api/lists/${listId}/invites`, {
        role: "viewer",
      });
      expect(third.statusCode).toBe(409);
      expect(third.json().code).toBe("INVITE_LIMIT_REACHED");
      const [a, b, c] = [
        await ctx().createUser(),
        await ctx().createUser(),
        await ctx().createUser(),
      ];
      expect((await ctx().call(a, "POST", `/api/invites/${first.code}/accept`)).statusCode).toBe(
        201,
      );
      expect((await ctx().call(b, "POST", `/api/invites/${second.code}/accept`)).statusCode).toBe(
        201,
      );
      const extra = await invite(ctx(), owner, listId);
      const full = await ctx().call(c, "POST", `/api/invites/${extra.code}/accept`);
      expect(full.statusCode).toBe(409);
      expect(full.json().code).toBe("MEMBER_LIMIT_REACHED");
      const members = (await ctx().call(owner, "GET", `/api/lists/${listId}/members`)).json();
      expect(members.items).toHaveLength(3);
    });
  },
  {
    sharing: {
      maxMembersPerList: 2,
      maxInvitesPerList: 2,
      codeAttempts: 1000,
      codeWindowMs: 60_000,
    },
  },
);

describeApi(
  "guessing invite codes",
  (ctx) => {
    it("limits requests naming a code per user (429 with Retry-After), whatever the code", async () => {
      const owner = await ctx().createUser();
      const guesser = await ctx().createUser();
      const listId = await listOf(ctx(), owner);
      const made = await invite(ctx(), owner, listId);
      for (let i = 0; i < 5; i++) {
        const miss = await ctx().call(guesser, "GET", `/api/invites/${"B".repeat(42)}${i}`);
        expect(miss.statusCode).toBe(404);
      }
      const limited = await ctx().call(guesser, "GET", `/api/invites/${made.code}`);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe("RATE_LIMITED");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    });
  },
  {
    sharing: { maxMembersPerList: 2, maxInvitesPerList: 2, codeAttempts: 5, codeWindowMs: 60_000 },
  },
);

describeApi("the sharing routes in the OpenAPI document", (ctx) => {
  it("lists every sharing route with its answers and bearer security", async () => {
    const doc = (await ctx().app.inject({ url: "/openapi.json" })).json();
    const expected: Array<[string, string, string[]]> = [
      ["/api/lists/{id}/invites", "post", ["201", "403", "404", "409", "429"]],
      ["/api/lists/{id}/invites", "get", ["200", "403", "404"]],
      ["/api/lists/{id}/invites/{inviteId}", "delete", ["204", "403", "404"]],
      ["/api/invites/{code}", "get", ["200", "404", "429"]],
      ["/api/invites/{code}/accept", "post", ["201", "404", "409", "429"]],
      ["/api/lists/{id}/members", "get", ["200", "404"]],
      ["/api/lists/{id}/members/{userId}", "patch", ["204", "403", "404"]],
      ["/api/lists/{id}/members/{userId}", "delete", ["204", "403", "404"]],
      ["/api/tasks/{id}", "patch", ["200", "403", "404", "409"]],
      ["/api/lists/{id}", "delete", ["204", "403", "404", "409"]],
    ];
    for (const [path, method, statuses] of expected) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      for (const status of statuses) {
        expect(operation.responses[status], `${method} ${path} ${status}`).toBeDefined();
      }
    }
    expect(doc.components.schemas.List.properties.role).toBeDefined();
  });
});
