"""`make eval`: run every evaluation module (bench/eval_*.py) on LANTOA_DATA_DIR."""

import importlib
import os
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")
    import django

    django.setup()
    package = Path(__file__).parent
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(package)]) if m.name.startswith("eval_")
    )
    for name in names:
        print(f"\n## {name}")
        importlib.import_module(f"bench.{name}").main(sys.argv[1:])
    if not names:
        print("No evaluations yet.")


if __name__ == "__main__":
    main()
