"""The example app through FastAPI's TestClient: 200 with the user's own tasks, 401 otherwise."""

import json
import pathlib
import sqlite3
import time

from fastapi.testclient import TestClient

import example_app
from todo_token import derive_kid

ROOT = pathlib.Path(__file__).resolve().parents[3]
VECTORS = json.loads((ROOT / "packages/token/vectors/v1.json").read_text("utf-8"))
CASES = {c["name"]: c for c in VECTORS["cases"]}


def make_token(secret, claims, header=None):
    import base64
    import hashlib
    import hmac

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    h = b64(json.dumps(header or {"alg": "HS256", "typ": "at+jwt", "kid": derive_kid(secret)}).encode())
    p = b64(json.dumps(claims).encode())
    mac = hmac.new(secret.encode(), f"{h}.{p}".encode(), hashlib.sha256).digest()
    return f"{h}.{p}.{b64(mac)}"


# As migrations 0004 and 0006 (packages/db/src/migrations.ts) make it on SQLite.
REVOCATION_TABLE = (
    "CREATE TABLE revocation (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT, user_id TEXT,"
    " revoked_at BIGINT NOT NULL, keep_until BIGINT NOT NULL, kept_session_id TEXT, revoked_at_ms BIGINT)"
)


def setup_app(tmp_path):
    database = tmp_path / "todo.sqlite"
    connection = sqlite3.connect(database)
    connection.execute(
        "CREATE TABLE task (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, list_id TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
        " completed INTEGER NOT NULL DEFAULT 0, priority SMALLINT NOT NULL DEFAULT 2, due_date TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )
    connection.execute(REVOCATION_TABLE)
    connection.execute("CREATE TABLE list_member (list_id TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (list_id, user_id))")
    connection.execute("INSERT INTO task (id, user_id, list_id, title, created_at, updated_at) VALUES ('t1', 'ann', 'l-ann', 'Ann''s task', '2030-01-01', '2030-01-01')")
    connection.execute("INSERT INTO task (id, user_id, list_id, title, created_at, updated_at) VALUES ('t2', 'bob', 'l-bob', 'Bob''s task', '2030-01-01', '2030-01-01')")
    connection.execute("INSERT INTO task (id, user_id, list_id, title, created_at, updated_at) VALUES ('t3', 'bob', 'l-shared', 'Shared task', '2029-01-01', '2029-01-01')")
    connection.execute("INSERT INTO list_member (list_id, user_id, role) VALUES ('l-shared', 'cid', 'viewer')")
    connection.commit()
    connection.close()
    env = {
        "JWT_SECRET": VECTORS["keys"]["current"],
        "JWT_PREVIOUS_SECRETS": ",".join(VECTORS["keys"]["previous"]),
        "JWT_ISSUER": VECTORS["issuer"],
        "JWT_AUDIENCE": VECTORS["audience"],
        "DATABASE_URL": f"file:{database}",
    }
    return TestClient(example_app.create_app(env))


def claims_for(sub):
    now = int(time.time())
    return {"iss": VECTORS["issuer"], "aud": VECTORS["audience"], "sub": sub, "iat": now, "exp": now + 900, "jti": "j", "sid": "s-" + sub, "email": f"{sub}@example.test"}


def test_me_and_own_tasks(tmp_path):
    client = setup_app(tmp_path)
    token = make_token(VECTORS["keys"]["current"], claims_for("ann"))
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json() == {"id": "ann", "email": "ann@example.test", "name": None, "sessionId": "s-ann"}
    tasks = client.get("/api/tasks", headers={"Authorization": f"Bearer {token}"})
    assert tasks.status_code == 200
    assert [t["title"] for t in tasks.json()["items"]] == ["Ann's task"]


def test_a_member_sees_the_shared_list_and_a_stranger_does_not(tmp_path):
    client = setup_app(tmp_path)
    for sub, titles in (("cid", ["Shared task"]), ("ann", ["Ann's task"]), ("bob", ["Bob's task", "Shared task"])):
        token = make_token(VECTORS["keys"]["current"], claims_for(sub))
        tasks = client.get("/api/tasks", headers={"Authorization": f"Bearer {token}"})
        assert [t["title"] for t in tasks.json()["items"]] == titles


def test_previous_secret_still_verifies(tmp_path):
    client = setup_app(tmp_path)
    previous = VECTORS["keys"]["previous"][0]
    token = make_token(previous, claims_for("bob"))
    assert client.get("/api/tasks", headers={"Authorization": f"Bearer {token}"}).json()["items"][0]["title"] == "Bob's task"


def test_no_token_is_401_without_error_code(tmp_path):
    client = setup_app(tmp_path)
    for headers in ({}, {"Authorization": "Basic YTpi"}):
        response = client.get("/api/me", headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == 'Bearer realm="todo-api"'


def test_token_in_query_or_cookie_is_ignored(tmp_path):
    client = setup_app(tmp_path)
    token = make_token(VECTORS["keys"]["current"], claims_for("ann"))
    assert client.get(f"/api/me?access_token={token}").status_code == 401
    client.cookies.set("access_token", token)
    assert client.get("/api/me").status_code == 401


def test_every_invalid_vector_is_401_and_nothing_is_echoed(tmp_path):
    client = setup_app(tmp_path)
    for case in VECTORS["cases"]:
        token = case["token"]
        # An HTTP header carries ASCII only: the non-ASCII vectors are the verifier's alone.
        if case["expect"] == "valid" or not token.isascii():
            continue
        response = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, case["name"]
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == 'Bearer realm="todo-api", error="invalid_token"'
        assert response.json()["status"] == 401
        for part in (p for p in token.strip().split(".") if len(p) >= 8):
            assert part not in response.text, case["name"]


def test_expired_valid_vector_is_401_against_the_real_clock(tmp_path):
    # The vectors' fixed "now" is 2030; against today's clock their tokens are not yet valid.
    client = setup_app(tmp_path)
    token = CASES["valid/current-key"]["token"]
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
