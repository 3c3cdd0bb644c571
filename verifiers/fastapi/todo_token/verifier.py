"""The access-token contract v1 (docs/contract.md): one verifier, every rule, no web framework.

PyJWT alone accepts a padded signature, `typ: JWT`, a `jku` header, an integer `sub` and any
lifetime, and raises TypeError on a string `iat`. So PyJWT is not used at all: the HMAC is checked
with `hmac.compare_digest`, and every other rule is written out below in the contract's order of
checks. The first failing step gives the reason, exactly as the conformance vectors expect.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any, Optional

ALGORITHM = "HS256"
TOKEN_TYPE = "at+jwt"
MAX_TOKEN_LENGTH = 4096  # code points
MAX_JSON_DEPTH = 16  # levels of arrays and objects, the header or payload object being level 1
MAX_TTL_SECONDS = 3600
CLOCK_LEEWAY_SECONDS = 30
MAX_ID_CLAIM_LENGTH = 255  # code points: Python's len, a lone surrogate counting as one
MAX_SAFE_INTEGER = 2**53 - 1
HEADER_MEMBERS = ["alg", "kid", "typ"]
SIGNATURE_LENGTH = 43  # 32 bytes, base64url without padding
_SEGMENT = re.compile(r"\A[A-Za-z0-9_-]+\Z")
# RFC 6750 §2.1: `Bearer`, one or more spaces, a b64token.
_BEARER = re.compile(r"\A[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9\-._~+/]+=*)\Z")
REALM = 'realm="todo-api"'


class TokenError(Exception):
    """A verification failure. `reason` is one of the contract's reasons; the message is fixed."""

    def __init__(self, reason: str):
        super().__init__(f"invalid access token: {reason}")
        self.reason = reason


def derive_kid(secret: str) -> str:
    """First 16 characters of base64url(SHA-256(UTF-8 bytes of the secret))."""
    digest = hashlib.sha256(secret.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")[:16]


def _decode_canonical(segment: str) -> Optional[bytes]:
    """The bytes of a base64url segment, only if the segment is their canonical encoding."""
    if not _SEGMENT.match(segment) or len(segment) % 4 == 1:
        return None
    try:
        data = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        return None
    if base64.urlsafe_b64encode(data).decode("ascii").rstrip("=") != segment:
        return None
    return data


def _reject_constant(_name: str) -> Any:
    raise ValueError("NaN and Infinity are not JSON")


def _json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in `text`, strings skipped (counted before parsing,
    so that no parser's recursion limit decides the outcome)."""
    depth = deepest = 0
    in_string = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "{[":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "}]":
            depth -= 1
        i += 1
    return deepest


def _decode_object(segment: str) -> dict:
    """The contract's decoding (docs/contract.md): canonical base64url, strict UTF-8 with no byte
    order mark stripped (json refuses one), at most MAX_JSON_DEPTH levels, RFC 8259 JSON."""
    data = _decode_canonical(segment)
    if data is None:
        raise TokenError("malformed")
    try:
        text = data.decode("utf-8")
        if _json_depth(text) > MAX_JSON_DEPTH:
            raise TokenError("malformed")
        value = json.loads(text, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TokenError("malformed") from None
    if not isinstance(value, dict):
        raise TokenError("malformed")
    return value


def _is_id_claim(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_CLAIM_LENGTH


def _safe_integer(value: Any) -> Optional[int]:
    """A JSON number with an integer value within ±(2^53 - 1), as JavaScript's Number.isSafeInteger."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if abs(value) <= MAX_SAFE_INTEGER else None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value) if abs(value) <= MAX_SAFE_INTEGER else None
    return None


@dataclass(frozen=True)
class Verifier:
    secret: str
    issuer: str
    audience: str
    previous_secrets: tuple = ()
    max_ttl_seconds: int = MAX_TTL_SECONDS
    leeway_seconds: int = CLOCK_LEEWAY_SECONDS
    _keys: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A dict keyed by kid: "constructor" or "__proto__" find nothing in Python.
        keys = {derive_kid(s): s.encode("utf-8") for s in (*self.previous_secrets, self.secret)}
        object.__setattr__(self, "_keys", keys)

    @classmethod
    def from_env(cls, env: Optional[dict] = None) -> "Verifier":
        env = os.environ if env is None else env
        secret = env.get("JWT_SECRET", "")
        if len(secret) < 32:
            raise RuntimeError("JWT_SECRET must be set to at least 32 random characters")
        previous = tuple(s.strip() for s in env.get("JWT_PREVIOUS_SECRETS", "").split(",") if s.strip())
        return cls(
            secret=secret,
            previous_secrets=previous,
            issuer=env.get("JWT_ISSUER", "http://localhost:3000"),
            audience=env.get("JWT_AUDIENCE", "todo-api"),
        )

    def verify(self, token: Any, now: Optional[float] = None) -> dict:
        """The contract's claims of a valid token, or TokenError with the first failing step."""
        # 1. size
        if not isinstance(token, str):
            raise TokenError("malformed")
        if len(token) > MAX_TOKEN_LENGTH:
            raise TokenError("oversized")
        # 2. compact form: three canonical base64url segments, JSON objects, an HS256-sized MAC
        segments = token.split(".")
        if len(segments) != 3:
            raise TokenError("malformed")
        header_b64, payload_b64, signature_b64 = segments
        if len(signature_b64) != SIGNATURE_LENGTH:
            raise TokenError("malformed")
        signature = _decode_canonical(signature_b64)
        if signature is None:
            raise TokenError("malformed")
        header = _decode_object(header_b64)
        payload = _decode_object(payload_b64)
        # 3. header: exactly alg, kid, typ
        if sorted(header) != HEADER_MEMBERS:
            raise TokenError("header")
        if header["alg"] != ALGORITHM or header["typ"] != TOKEN_TYPE:
            raise TokenError("header")
        if not isinstance(header["kid"], str):
            raise TokenError("header")
        # 4. kid: one key for one kid, no fallback
        key = self._keys.get(header["kid"])
        if key is None:
            raise TokenError("unknown_kid")
        # 5. signature, over the exact segments, in constant time
        expected = hmac.new(key, f"{header_b64}.{payload_b64}".encode("ascii"), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, signature):
            raise TokenError("signature")
        # 6. claim presence and JSON types
        sub, jti, sid = payload.get("sub"), payload.get("jti"), payload.get("sid")
        if not (_is_id_claim(sub) and _is_id_claim(jti) and _is_id_claim(sid)):
            raise TokenError("claims")
        iat, exp = _safe_integer(payload.get("iat")), _safe_integer(payload.get("exp"))
        if iat is None or exp is None:
            raise TokenError("claims")
        nbf = None
        if "nbf" in payload:
            nbf = _safe_integer(payload["nbf"])
            if nbf is None:
                raise TokenError("claims")
        for name in ("email", "name"):
            if name in payload and not isinstance(payload[name], str):
                raise TokenError("claims")
        # 7. issuer, exactly
        iss = payload.get("iss")
        if not isinstance(iss, str) or iss != self.issuer:
            raise TokenError("issuer")
        # 8. audience: a string, or an array of strings, that contains ours
        aud = payload.get("aud")
        audiences = aud if isinstance(aud, list) else [aud]
        if not all(isinstance(a, str) for a in audiences) or self.audience not in audiences:
            raise TokenError("audience")
        # 9. lifetime
        max_ttl = min(self.max_ttl_seconds, MAX_TTL_SECONDS)
        if exp <= iat or exp - iat > max_ttl:
            raise TokenError("lifetime")
        # 10-12. the clock, with at most 30 s of leeway
        now_s = math.floor(time.time() if now is None else now)
        leeway = min(self.leeway_seconds, CLOCK_LEEWAY_SECONDS)
        if iat > now_s + leeway:
            raise TokenError("issued_in_future")
        if exp <= now_s - leeway:
            raise TokenError("expired")
        if nbf is not None and nbf > now_s + leeway:
            raise TokenError("not_yet_valid")
        claims = {"iss": self.issuer, "aud": self.audience, "sub": sub, "iat": iat, "exp": exp, "jti": jti, "sid": sid}
        for name in ("email", "name"):
            if name in payload:
                claims[name] = payload[name]
        return claims
