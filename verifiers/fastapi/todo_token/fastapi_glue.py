"""FastAPI glue for the verifier: a dependency that reads only the Authorization header, and the
contract's 401 answer (RFC 6750 challenge, problem+json, nothing echoed)."""

from __future__ import annotations

import re

from fastapi import Request
from fastapi.responses import JSONResponse

from .revocations import RevocationSet, RevocationsStale
from .verifier import _BEARER, REALM, Verifier


class Unauthorized(Exception):
    """Raised by the dependency; the app turns it into the contract's 401 (see install)."""

    def __init__(self, token_sent: bool):
        super().__init__("unauthorized")
        self.token_sent = token_sent


def unauthorized_response(exc: Unauthorized) -> JSONResponse:
    # RFC 6750 §3.1: no error code when the request carried no token at all. Nothing echoed.
    if exc.token_sent:
        challenge = f'Bearer {REALM}, error="invalid_token"'
        body = {
            "type": "about:blank",
            "title": "Unauthorized",
            "status": 401,
            "code": "invalid_token",
            "detail": "The access token is invalid or has expired.",
        }
    else:
        challenge = f"Bearer {REALM}"
        body = {
            "type": "about:blank",
            "title": "Unauthorized",
            "status": 401,
            "code": "unauthenticated",
            "detail": "An access token is required.",
        }
    return JSONResponse(
        body,
        status_code=401,
        media_type="application/problem+json",
        headers={"WWW-Authenticate": challenge, "Cache-Control": "no-store"},
    )


class RevocationsUnavailable(Exception):
    """The revocation record is older than its bound: 503, the request is not served."""


def unavailable_response() -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "code": "REVOCATIONS_STALE",
        "detail": "Signed-out sessions cannot be checked right now; try again shortly.",
    }
    return JSONResponse(
        body,
        status_code=503,
        media_type="application/problem+json",
        headers={"Retry-After": "5", "Cache-Control": "no-store"},
    )


def access_token_dependency(verifier: Verifier, revocations: "RevocationSet | None" = None):
    """A FastAPI dependency: the token's claims, or Unauthorized. Header only, never a query or cookie.

    With `revocations` (a started RevocationSet), a token whose session has ended is refused like
    an invalid one (401), and a record older than its bound refuses every request (503).
    """

    def authenticate(request: Request) -> dict:
        header = request.headers.get("authorization")
        if header is None or not re.match(r"(?i)\Abearer(\s|\Z)", header):
            raise Unauthorized(token_sent=False)
        match = _BEARER.match(header)
        if match is None:
            raise Unauthorized(token_sent=True)
        try:
            claims = verifier.verify(match.group(1))
        except Exception:  # any failure at all is a 401, never a 500 that could leak
            raise Unauthorized(token_sent=True) from None
        if revocations is not None:
            try:
                if revocations.check(claims):
                    raise Unauthorized(token_sent=True)
            except RevocationsStale:
                raise RevocationsUnavailable() from None
        return claims

    return authenticate


def install(app) -> None:
    """Registers the 401 and 503 handlers on a FastAPI app."""

    async def handler(_request: Request, exc: Unauthorized) -> JSONResponse:
        return unauthorized_response(exc)

    async def stale(_request: Request, _exc: RevocationsUnavailable) -> JSONResponse:
        return unavailable_response()

    app.add_exception_handler(Unauthorized, handler)
    app.add_exception_handler(RevocationsUnavailable, stale)
