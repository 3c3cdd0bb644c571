"""The access-token contract v1 (docs/contract.md) for FastAPI: one dependency, every rule.

`verifier.py` holds the contract (no web framework); `revocations.py` the record of ended sessions;
`fastapi_glue.py` the dependency, the 401 and the 503.
"""

from .fastapi_glue import (
    RevocationsUnavailable,
    Unauthorized,
    access_token_dependency,
    install,
    unauthorized_response,
)
from .revocations import RevocationSet, RevocationsStale, connector
from .verifier import TokenError, Verifier, derive_kid

__all__ = [
    "RevocationSet",
    "RevocationsStale",
    "RevocationsUnavailable",
    "TokenError",
    "Unauthorized",
    "Verifier",
    "access_token_dependency",
    "connector",
    "derive_kid",
    "install",
    "unauthorized_response",
]
