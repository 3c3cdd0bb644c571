"""The example app honours the revocation record as the API does: per session, per-user cut-off
(sparing the session it keeps), found within a second, and 503 once the record is too old."""

import sqlite3
import time

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from test_app import REVOCATION_TABLE, VECTORS, claims_for, make_token, setup_app
from todo_token import RevocationSet, Verifier, access_token_dependency, install
from todo_token.revocations import refuses

SECRET = VECTORS["keys"]["current"]


def record(path, session_id=None, user_id=None, revoked_at=None, kept=None):
    now = int(time.time()) if revoked_at is None else revoked_at
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO revocation (session_id, user_id, revoked_at, keep_until, kept_session_id) VALUES (?, ?, ?, ?, ?)",
        (session_id, user_id, now, now + 930, kept),
    )
    connection.commit()
    connection.close()


def until(predicate, seconds=3.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic()
        time.sleep(0.05)
    return None


def test_refuses_follows_the_rule():
    cut = {"user_id": "ann", "revoked_at": 100, "keep_until": 2000, "kept_session_id": "kept"}
    assert refuses(cut, "other", "ann", 100)
    assert not refuses(cut, "other", "ann", 101)
    assert not refuses(cut, "kept", "ann", 50)
    assert not refuses(cut, "other", "bob", 50)
    assert refuses({"session_id": "s", "user_id": None}, "s", "anyone", 0)


def test_a_signed_out_session_is_refused_within_a_second_or_two(tmp_path):
    client = setup_app(tmp_path)
    token = make_token(SECRET, claims_for("ann"))
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/tasks", headers=headers).status_code == 200
    started = time.monotonic()
    record(tmp_path / "todo.sqlite", session_id="s-ann")
    seen = until(lambda: client.get("/api/tasks", headers=headers).status_code == 401)
    assert seen is not None and seen - started < 2.0
    response = client.get("/api/tasks", headers=headers)
    assert response.headers["www-authenticate"] == 'Bearer realm="todo-api", error="invalid_token"'
    # Another user is untouched.
    other = make_token(SECRET, claims_for("bob"))
    assert client.get("/api/tasks", headers={"Authorization": f"Bearer {other}"}).status_code == 200


def test_a_cut_off_refuses_the_users_other_sessions_and_spares_the_kept_one(tmp_path):
    client = setup_app(tmp_path)
    kept = make_token(SECRET, claims_for("ann"))  # sid "s-ann"
    other_claims = {**claims_for("ann"), "sid": "another-device", "iat": int(time.time()) - 5}
    other = make_token(SECRET, other_claims)
    record(tmp_path / "todo.sqlite", user_id="ann", kept="s-ann")
    assert until(lambda: client.get("/api/me", headers={"Authorization": f"Bearer {other}"}).status_code == 401)
    assert client.get("/api/me", headers={"Authorization": f"Bearer {kept}"}).status_code == 200


def test_a_record_older_than_its_bound_refuses_with_503(tmp_path):
    path = tmp_path / "todo.sqlite"
    connection = sqlite3.connect(path)
    connection.execute(REVOCATION_TABLE)
    connection.commit()
    connection.close()
    revocations = RevocationSet(
        lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False),
        poll_seconds=0.1,
        stale_after_seconds=0.5,
    ).start()
    verifier = Verifier(secret=SECRET, issuer=VECTORS["issuer"], audience=VECTORS["audience"])
    app = FastAPI()
    install(app)

    @app.get("/me")
    def me(claims: dict = Depends(access_token_dependency(verifier, revocations))):
        return {"id": claims["sub"]}

    client = TestClient(app)
    headers = {"Authorization": f"Bearer {make_token(SECRET, claims_for('ann'))}"}
    try:
        assert client.get("/me", headers=headers).status_code == 200
        writer = sqlite3.connect(path)
        writer.execute("ALTER TABLE revocation RENAME TO revocation_away")  # every read fails now
        writer.commit()
        writer.close()
        assert until(lambda: client.get("/me", headers=headers).status_code == 503)
        response = client.get("/me", headers=headers)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "5"
        assert response.json()["code"] == "REVOCATIONS_STALE"
    finally:
        revocations.close()


def test_an_unreadable_record_at_start_refuses_until_it_is_read(tmp_path):
    revocations = RevocationSet(lambda: sqlite3.connect(f"file:{tmp_path / 'none.sqlite'}?mode=ro", uri=True)).start()
    try:
        assert revocations.stale
        with pytest.raises(Exception):
            revocations.check({"sid": "s", "sub": "u", "iat": 0})
    finally:
        revocations.close()
