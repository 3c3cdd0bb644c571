"""Every conformance vector of contract v1 through the FastAPI verifier."""

import json
import pathlib

import pytest

from todo_token import TokenError, Verifier, derive_kid

VECTORS = json.loads(
    (pathlib.Path(__file__).resolve().parents[3] / "packages/token/vectors/v1.json").read_text("utf-8")
)
VERIFIER = Verifier(
    secret=VECTORS["keys"]["current"],
    previous_secrets=tuple(VECTORS["keys"]["previous"]),
    issuer=VECTORS["issuer"],
    audience=VECTORS["audience"],
)


def test_the_file_has_cases():
    assert VECTORS["contract"] == "access-token v1"
    assert len(VECTORS["cases"]) > 100


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_vector(case):
    if case["expect"] == "valid":
        assert VERIFIER.verify(case["token"], now=case["now"]) == case["claims"]
    else:
        with pytest.raises(TokenError) as failure:
            VERIFIER.verify(case["token"], now=case["now"])
        assert failure.value.reason == case["reason"]
        assert not case["token"] or case["token"] not in str(failure.value)


def test_kid_derivation_matches_the_contract():
    kids = {json.loads(__import__("base64").urlsafe_b64decode(c["token"].split(".")[0] + "==")).get("kid")
            for c in VECTORS["cases"] if c["name"] == "valid/current-key"}
    assert kids == {derive_kid(VECTORS["keys"]["current"])}
