"""Compile the project's .po catalogues to .mo with polib, so GNU gettext need not be installed.

The compiled .mo files are committed next to their .po (deployments from git and plain `pytest`
work without a build step); `--check` fails when a .mo is stale, and `make check` runs it.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogue_paths() -> list[Path]:
    """Every .po file under LOCALE_PATHS and under the Lantoa apps' own `locale/` folders."""
    roots = [Path(path) for path in settings.LOCALE_PATHS]
    roots += [Path(settings.BASE_DIR, *app.split("."), "locale") for app in settings.LANTOA_APPS]
    found = set()
    for root in roots:
        if root.is_dir():
            found.update(root.glob("*/LC_MESSAGES/*.po"))
    return sorted(found)


def _shown(path: Path) -> str:
    base = Path(settings.BASE_DIR)
    return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)


def compiled(po_path: Path) -> bytes:
    """The .mo bytes for a .po file (fuzzy and untranslated entries left out, as msgfmt does)."""
    return polib.pofile(str(po_path)).to_binary()


class Command(BaseCommand):
    help = "Biên dịch các tệp bản dịch .po thành .mo (không cần GNU gettext)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Không ghi tệp; báo lỗi nếu có tệp .mo cũ hơn tệp .po tương ứng.",
        )

    def handle(self, *args, check: bool = False, **options):
        stale = []
        for po_path in catalogue_paths():
            mo_path = po_path.with_suffix(".mo")
            data = compiled(po_path)
            if mo_path.exists() and mo_path.read_bytes() == data:
                continue
            if check:
                stale.append(_shown(mo_path))
                continue
            mo_path.write_bytes(data)
            self.stdout.write(f"Đã biên dịch {_shown(mo_path)}")
        if stale:
            raise CommandError(
                "Tệp bản dịch chưa biên dịch lại: "
                + ", ".join(stale)
                + ". Chạy `manage.py compile_translations`."
            )
