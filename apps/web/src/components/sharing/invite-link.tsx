"use client";

import type { CreatedInvite } from "@todo/contract";
import { useState } from "react";

/**
 * A new invite's link, shown this once (the server keeps only a hash of its code). Copying
 * uses the clipboard API; the field stays selectable for when it is not available.
 */
export function InviteLink({ invite }: { invite: CreatedInvite }) {
  const link = `${window.location.origin}/join/${invite.code}`;
  const [copied, setCopied] = useState(false);
  return (
    <div className="invite-link">
      <label htmlFor="invite-link">
        Invite link to join as {invite.role === "editor" ? "an editor" : "a viewer"}, shown only
        now. Send it privately: it works once, within 7 days.
      </label>
      <div className="row">
        <input
          id="invite-link"
          type="text"
          readOnly
          value={link}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void navigator.clipboard.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy
        </button>
      </div>
      <p className="hint" role="status">
        {copied ? "Copied." : ""}
      </p>
    </div>
  );
}
