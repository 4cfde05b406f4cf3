"""manage.py add_source URL [--kind rss] [--name …]"""

from django.core.management.base import BaseCommand, CommandError

from ...constants import OutletType, SourceKind
from ...services import source_create

KIND_ALIASES = {"rss": "feed", "atom": "feed", "json": "feed", "jsonfeed": "feed"}


class Command(BaseCommand):
    help = "Thêm một nguồn tin (RSS/Atom/JSON Feed, sitemap, trang web, tệp nhập)."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument(
            "--kind", default="rss", help="rss | sitemap | page | social_import | manual"
        )
        parser.add_argument("--name", default="")
        parser.add_argument("--outlet-type", default=OutletType.DOMESTIC_PRESS)
        parser.add_argument("--country", default="VN")
        parser.add_argument("--language", default="vi")
        parser.add_argument("--priority", type=int, default=3)
        parser.add_argument("--min-minutes", type=int, default=15)
        parser.add_argument("--max-minutes", type=int, default=360)

    def handle(self, *args, **options):
        kind = KIND_ALIASES.get(options["kind"], options["kind"])
        if kind not in SourceKind.values:
            raise CommandError(f"Loại nguồn không hợp lệ: {options['kind']}")
        try:
            source = source_create(
                url=options["url"],
                kind=kind,
                name=options["name"],
                outlet_type=options["outlet_type"],
                country=options["country"],
                language=options["language"],
                priority=options["priority"],
                poll_min_minutes=options["min_minutes"],
                poll_max_minutes=options["max_minutes"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{source.pk}\t{source.kind}\t{source.name}\t{source.url}")
