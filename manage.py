#!/usr/bin/env python
"""Django's command-line utility for Lantoa."""

import sys


def main() -> None:
    from lantoa.config import setup_django_or_exit

    setup_django_or_exit()
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        reason = " ".join(str(exc).split())
        sys.stderr.write(f"Lantoa cannot reach its database (DATABASE_URL): {reason}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
