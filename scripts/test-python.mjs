// Runs the FastAPI verifier's tests (verifiers/fastapi) with Debian's Python packages.
// Outside CI, missing packages skip the suite with a visible notice; in CI they fail it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const PYTHON = "/usr/bin/python3";
const MODULES = ["fastapi", "jwt", "pytest", "httpx", "uvicorn"];
const inCi = Boolean(process.env.CI);

const missing = existsSync(PYTHON)
  ? MODULES.filter(
      (name) => spawnSync(PYTHON, ["-c", `import ${name}`], { stdio: "ignore" }).status !== 0,
    )
  : MODULES;
if (missing.length > 0) {
  const message = `${PYTHON} lacks ${missing.join(", ")} (apt-get install python3-fastapi python3-jwt python3-pytest python3-httpx python3-uvicorn)`;
  if (inCi) {
    process.stderr.write(`test:python: ${message}\n`);
    process.exit(1);
  }
  process.stderr.write(`\nNOTICE: the FastAPI verifier's tests are SKIPPED: ${message}\n\n`);
  process.exit(0);
}

const result = spawnSync(
  PYTHON,
  ["-m", "pytest", "-p", "no:cacheprovider", "-q", "verifiers/fastapi"],
  { stdio: "inherit", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } },
);
// Any non-zero status fails, 5 (no tests collected) included.
process.exit(result.status ?? 1);
