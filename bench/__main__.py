"""Run every benchmark module (bench/bench_*.py) and print its tables.

Each module defines `main(argv) -> None` and prints, with the command that reproduces it, a table
comparing Lantoa with the raw library on the same data in the same run.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")
    import django

    django.setup()
    from django.conf import settings

    # The product is measured as a worker runs it in production: DEBUG off (as Django's test
    # runner sets it, and as the benchmarks that start servers set DJANGO_DEBUG=0). With DEBUG
    # on, every query is logged with its parameters quoted, on SQLite by one more query each
    # (a raw page's 40 KB body as 80 KB of hex): 1 ms a page on (a), which no worker pays.
    settings.DEBUG = False
    wanted = set(sys.argv[1:])
    package = Path(__file__).parent
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(package)]) if m.name.startswith("bench_")
    )
    for name in names:
        if wanted and name not in wanted and name.removeprefix("bench_") not in wanted:
            continue
        module = importlib.import_module(f"bench.{name}")
        print(f"\n## {name}  (make bench BENCH_ARGS={name.removeprefix('bench_')})")
        module.main(sys.argv[1:])
    if not names:
        print("No benchmarks yet.")


if __name__ == "__main__":
    main()
