"""`manage.py search "QUERY" [--json]`: search the monitored items from the command line."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantoa.monitoring.search.selectors import QueryError, search_items
from lantoa.monitoring.search.services import items_reindex_all


class Command(BaseCommand):
    help = (
        'Tìm tin theo câu truy vấn (ví dụ: "Quy Nhơn" AND lang:vi). --json in kết quả dạng JSON; '
        "--reindex dựng lại toàn bộ chỉ mục."
    )

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", default="", help="câu truy vấn")
        parser.add_argument("--json", action="store_true", help="in JSON {count, results}")
        parser.add_argument(
            "--limit", type=int, default=20, help="số kết quả in ra (0 = tất cả); mặc định 20"
        )
        parser.add_argument("--reindex", action="store_true", help="dựng lại chỉ mục tìm kiếm")

    def handle(self, *args, query, json: bool, limit: int, reindex: bool, **options):
        if reindex:
            done = items_reindex_all(
                progress=lambda n, total: self.stderr.write(f"\r{n}/{total}", ending="")
            )
            self.stderr.write("")
            self.stdout.write(f"Đã lập chỉ mục {done} tin.")
            if not query:
                return
        if not query.strip():
            raise CommandError('Hãy nhập câu truy vấn, ví dụ: manage.py search "Quy Nhơn"')
        try:
            results = search_items(query).select_related("source")
            count = results.count()
        except QueryError as exc:
            raise CommandError(f"{exc.message}\n{exc.pointer()}", returncode=2) from None
        shown = list(results if limit <= 0 else results[:limit])
        rows = [
            {
                "id": item.id,
                "title": item.title,
                "url": item.url,
                "source": item.source.name,
                "language": item.language,
                "published": item.published_at.isoformat() if item.published_at else None,
            }
            for item in shown
        ]
        if json:
            self.stdout.write(_dumps({"count": count, "results": rows}))
            return
        self.stdout.write(f"{count} kết quả" + (f" (in {len(rows)})" if len(rows) < count else ""))
        for item in shown:
            published = ""
            if item.published_at:
                published = timezone.localtime(item.published_at).strftime("%d/%m/%Y %H:%M")
            self.stdout.write(
                f"[{item.id}] {item.title}\n    {item.source.name} · {item.language} · "
                f"{published} · {item.url}"
            )


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
