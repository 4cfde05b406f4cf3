"""manage.py import_posts FILE --mapping text=content,author=user,url=link [--source ID]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...constants import OutletType, SourceKind
from ...formats.social import MAPPING_FIELDS
from ...models import Source
from ...services import posts_import, source_create


def mapping_parse(value: str) -> dict[str, str]:
    value = value.strip()
    if value.startswith("{"):
        return json.loads(value)
    mapping = {}
    for pair in filter(None, value.split(",")):
        field, sep, column = pair.partition("=")
        if not sep:
            raise CommandError(f"Ánh xạ sai '{pair}': dùng dạng truong=cot")
        mapping[field.strip()] = column.strip()
    return mapping


class Command(BaseCommand):
    help = "Nhập tệp bài đăng công khai (CSV, JSON, XLSX) với ánh xạ cột; tác giả được ẩn danh."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--mapping",
            required=True,
            help=f"truong=cot,… với truong thuộc {', '.join(MAPPING_FIELDS)} (bắt buộc: text)",
        )
        parser.add_argument("--source", type=int, help="nguồn loại tệp nhập có sẵn")
        parser.add_argument("--name", default="", help="tên nguồn mới nếu không có --source")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không thấy tệp {path}")
        if options["source"]:
            source = Source.objects.filter(pk=options["source"]).first()
            if source is None:
                raise CommandError(f"Không có nguồn số {options['source']}")
        else:
            source = source_create(
                url="",
                kind=SourceKind.SOCIAL_IMPORT,
                name=options["name"] or f"Tệp {path.name}",
                outlet_type=OutletType.SOCIAL_PAGE,
            )
        try:
            run = posts_import(
                source_id=source.pk,
                data=path.read_bytes(),
                filename=path.name,
                mapping=mapping_parse(options["mapping"]),
            )
        except (ValueError, json.JSONDecodeError) as exc:
            raise CommandError(str(exc)) from exc
        counts = ", ".join(f"{k}={v}" for k, v in sorted(run.counts.items()))
        self.stdout.write(f"nguồn {source.pk}: {run.outcome}, mới={run.stored} ({counts})")
        if run.left_out:
            self.stdout.write(f"bỏ lại: {run.left_out_display()}")
