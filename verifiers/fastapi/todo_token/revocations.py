"""The revocation record for a verifier outside the API (docs/contract.md, decision 0010).

A token that passes the contract can still belong to a session that has ended. The web app writes
the `revocation` table where sessions end: one row per ended session (`session_id`), or one per-user
cut-off (`user_id`, `revoked_at`, `kept_session_id`) that refuses every token of that user issued at
or before `revoked_at`, except the tokens of `kept_session_id`. This reader holds the live rows in
memory, checked without I/O per request, exactly as every API instance does:

- it reads the whole table when created (until then nothing is authenticated), then every second
  what is new (ids above the last seen, with an overlap for ids committed out of order), and the
  whole table again every 30 s;
- when no read has succeeded for `stale_after_seconds` (5 s by default), `check` raises
  `RevocationsStale`: the service answers 503 rather than serve a signed-out user for longer than
  the documented bound.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import time
from typing import Callable, Optional

ID_OVERLAP = 256


class RevocationsStale(Exception):
    """The record has not been read for longer than the bound: refuse (503), do not guess."""


def refuses(entry: dict, sid: str, sub: str, iat: int) -> bool:
    """The one rule, as packages/db/src/revocations.ts writes it."""
    if entry.get("session_id") is not None:
        return entry["session_id"] == sid
    return entry["user_id"] == sub and iat <= entry["revoked_at"] and entry.get("kept_session_id") != sid


def default_sqlite_path(url: Optional[str]) -> str:
    """As the API reads DATABASE_URL: unset is ./data/todo.sqlite, `file:<path>` another file."""
    if not url:
        return os.path.join(os.getcwd(), "data", "todo.sqlite")
    if url.startswith("file:"):
        return os.path.abspath(url[len("file:") :])
    raise RuntimeError("DATABASE_URL must start with postgres://, postgresql:// or file:")


def connector(database_url: Optional[str], sqlite_path: Callable[[Optional[str]], str] = default_sqlite_path):
    """A function opening a read-only connection to the shared database, and its placeholder."""
    if database_url and database_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        return (lambda: psycopg.connect(database_url, autocommit=True, connect_timeout=3)), "%s"
    path = sqlite_path(database_url)
    return (lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=3, check_same_thread=False)), "?"


class RevocationSet:
    def __init__(
        self,
        connect: Callable[[], object],
        placeholder: str = "?",
        poll_seconds: float = 1.0,
        full_reload_seconds: float = 30.0,
        stale_after_seconds: float = 5.0,
        clock: Callable[[], float] = time.time,
    ):
        self._connect = connect
        self._placeholder = placeholder
        self._poll = poll_seconds
        self._full_every = full_reload_seconds
        self._stale_after = stale_after_seconds
        self._clock = clock
        self._sessions: dict = {}  # session id -> keep_until
        self._users: dict = {}  # user id -> tuple of cut-off dicts
        self._last_id = 0
        self._last_sync = -math.inf
        self._last_full = -math.inf
        self._connection = None
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    # ---- the request path: memory only ----

    def is_revoked(self, sid: str, sub: str, iat: int) -> bool:
        if sid in self._sessions:
            return True
        return any(refuses(entry, sid, sub, iat) for entry in self._users.get(sub, ()))

    @property
    def stale(self) -> bool:
        return self._clock() - self._last_sync > self._stale_after

    def check(self, claims: dict) -> bool:
        """True when the token's session has ended; RevocationsStale when the record is too old."""
        if self.stale:
            raise RevocationsStale()
        return self.is_revoked(claims["sid"], claims["sub"], claims["iat"])

    # ---- reading the table, off the request path ----

    def sync(self, full: Optional[bool] = None) -> None:
        """Reads what is new now (the whole table when `full`); raises when the database fails."""
        started = self._clock()
        full = started - self._last_full >= self._full_every if full is None else full
        after = 0 if full else max(0, self._last_id - ID_OVERLAP)
        now_s = math.floor(started)
        query = (
            "SELECT id, session_id, user_id, revoked_at, keep_until, kept_session_id FROM revocation"
            f" WHERE id > {self._placeholder} AND keep_until > {self._placeholder} ORDER BY id"
        )
        try:
            if self._connection is None:
                self._connection = self._connect()
            rows = self._connection.execute(query, (after, now_s)).fetchall()
        except Exception:
            self._drop_connection()
            raise
        sessions = {} if full else dict(self._sessions)
        users = {} if full else dict(self._users)
        last_id = after if full else self._last_id
        for row_id, session_id, user_id, revoked_at, keep_until, kept in rows:
            last_id = max(last_id, int(row_id))
            if session_id is not None:
                sessions[session_id] = max(int(keep_until), sessions.get(session_id, 0))
            elif user_id is not None:
                entry = {"user_id": user_id, "revoked_at": int(revoked_at), "keep_until": int(keep_until), "kept_session_id": kept}
                if entry not in users.get(user_id, ()):
                    users[user_id] = (*users.get(user_id, ()), entry)
        self._sessions = {k: v for k, v in sessions.items() if v > now_s}
        self._users = {k: live for k, v in users.items() if (live := tuple(e for e in v if e["keep_until"] > now_s))}
        self._last_id = max(self._last_id, last_id)
        self._last_sync = started
        if full:
            self._last_full = started

    def start(self) -> "RevocationSet":
        """Tries a first full read (a failure leaves the set stale: every check refuses), then polls."""
        try:
            self.sync(full=True)
        except Exception:
            pass
        self._thread = threading.Thread(target=self._run, name="revocations", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._drop_connection()

    def _run(self) -> None:
        while not self._stop.wait(self._poll):
            try:
                self.sync()
            except Exception:
                pass  # stays stale after the bound; `check` refuses then

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:
                pass
