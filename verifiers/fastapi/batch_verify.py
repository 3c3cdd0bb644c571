"""Verifies a batch of tokens read as JSON on stdin and writes each outcome as JSON on stdout.

For the differential test (packages/token/src/differential.test.ts), which feeds the same tokens
to the TypeScript verifier and requires the same outcome and reason. Uses verifier.py alone (the
standard library), loaded by path so that FastAPI need not be installed.

stdin:  {"keys": {"current": …, "previous": [...]}, "issuer": …, "audience": …,
         "cases": [{"token": …, "now": <seconds>}, …]}
stdout: [{"outcome": "valid", "claims": {…}} | {"outcome": "invalid", "reason": …}, …]
"""

import importlib.util
import json
import pathlib
import sys

spec = importlib.util.spec_from_file_location(
    "todo_token_verifier", pathlib.Path(__file__).resolve().parent / "todo_token" / "verifier.py"
)
verifier_module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = verifier_module  # dataclasses look their module up while it loads
spec.loader.exec_module(verifier_module)


def main() -> None:
    batch = json.load(sys.stdin)
    verifier = verifier_module.Verifier(
        secret=batch["keys"]["current"],
        previous_secrets=tuple(batch["keys"]["previous"]),
        issuer=batch["issuer"],
        audience=batch["audience"],
    )
    results = []
    for case in batch["cases"]:
        try:
            results.append({"outcome": "valid", "claims": verifier.verify(case["token"], now=case["now"])})
        except verifier_module.TokenError as error:
            results.append({"outcome": "invalid", "reason": error.reason})
        except Exception as error:  # a crash is an outcome too, and never agrees with TypeScript
            results.append({"outcome": "crash", "reason": type(error).__name__})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
