"""The access-token contract v1 (docs/contract.md) for FastAPI: one dependency, every rule.

`verifier.py` holds the contract (no web framework); `fastapi_glue.py` the dependency and the 401.
"""

from .fastapi_glue import Unauthorized, access_token_dependency, install, unauthorized_response
from .verifier import TokenError, Verifier, derive_kid

__all__ = [
    "TokenError",
    "Unauthorized",
    "Verifier",
    "access_token_dependency",
    "derive_kid",
    "install",
    "unauthorized_response",
]
