"""Example FastAPI service behind the access-token contract: GET /api/me and GET /api/tasks.

Configuration from the same environment as the API: JWT_SECRET, JWT_PREVIOUS_SECRETS, JWT_ISSUER,
JWT_AUDIENCE, DATABASE_URL (a postgres:// URL, or unset / a file path for SQLite, default
./data/todo.sqlite). Run: /usr/bin/python3 -m uvicorn example_app:app --port 4200
"""

from __future__ import annotations

import os
import sqlite3
from typing import Optional

from fastapi import Depends, FastAPI

from todo_token import RevocationSet, Verifier, access_token_dependency, connector, install

TASK_COLUMNS = "id, list_id, title, description, completed, priority, due_date, created_at, updated_at"


def _sqlite_path(url: Optional[str]) -> str:
    """As the API reads DATABASE_URL: unset is ./data/todo.sqlite, `file:<path>` another file."""
    if not url:
        return os.path.join(os.getcwd(), "data", "todo.sqlite")
    if url.startswith("file:"):
        return os.path.abspath(url[len("file:") :])
    raise RuntimeError("DATABASE_URL must start with postgres://, postgresql:// or file:")


def list_tasks(database_url: Optional[str], user_id: str) -> list:
    """The tasks `sub` may see, newest first: the API's sharing rule in the query itself.

    A task's `user_id` is its list's owner; a member of a shared list sees its tasks through
    `list_member` (docs/decisions/0024-list-sharing-and-invite-codes.md). A removed member's row is
    gone, so the very next query leaves the list out: nothing to revoke here either.
    """
    query = (
        f"SELECT {TASK_COLUMNS} FROM task WHERE user_id = %s"
        " OR list_id IN (SELECT list_id FROM list_member WHERE user_id = %s)"
        " ORDER BY created_at DESC LIMIT 100"
    )
    if database_url and database_url.startswith(("postgres://", "postgresql://")):
        import psycopg
        from psycopg.rows import dict_row

        with psycopg.connect(database_url, row_factory=dict_row) as connection:
            rows = connection.execute(query, (user_id, user_id)).fetchall()
    else:
        connection = sqlite3.connect(f"file:{_sqlite_path(database_url)}?mode=ro", uri=True)
        connection.row_factory = sqlite3.Row
        try:
            rows = connection.execute(query.replace("%s", "?"), (user_id, user_id)).fetchall()
        finally:
            connection.close()
    return [_task(dict(row)) for row in rows]


def _task(row: dict) -> dict:
    row["completed"] = bool(row["completed"])
    for key in ("due_date", "created_at", "updated_at"):
        if row[key] is not None and not isinstance(row[key], str):
            row[key] = row[key].isoformat()
    return row


def create_app(env: Optional[dict] = None) -> FastAPI:
    env = dict(os.environ if env is None else env)
    verifier = Verifier.from_env(env)
    # The same record of ended sessions as the API: a signed-out user is refused here too.
    connect, placeholder = connector(env.get("DATABASE_URL"), _sqlite_path)
    revocations = RevocationSet(connect, placeholder).start()
    authenticated = access_token_dependency(verifier, revocations)
    app = FastAPI(title="todo-api (FastAPI example)", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_event_handler("shutdown", revocations.close)
    install(app)

    @app.get("/api/me")
    def me(claims: dict = Depends(authenticated)) -> dict:
        return {
            "id": claims["sub"],
            "email": claims.get("email"),
            "name": claims.get("name"),
            "sessionId": claims["sid"],
        }

    @app.get("/api/tasks")
    def tasks(claims: dict = Depends(authenticated)) -> dict:
        return {"items": list_tasks(env.get("DATABASE_URL"), claims["sub"])}

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok"}

    return app


app = create_app() if os.environ.get("JWT_SECRET") else None
