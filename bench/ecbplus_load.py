"""Time `manage.py load_ecbplus` into a fresh SQLite database (then load it again).

Run: .venv/bin/python bench/ecbplus_load.py
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        print("ECB+ import (SQLite, fresh database, then again to check idempotence)")
        for label in ("first load", "second load"):
            started = time.perf_counter()
            result = subprocess.run(
                [*manage, "load_ecbplus"],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            wall = time.perf_counter() - started
            out = result.stdout.strip()
            print(f"  {label:<12} {wall:6.1f} s wall (process incl. start-up) | {out}")


if __name__ == "__main__":
    main()
