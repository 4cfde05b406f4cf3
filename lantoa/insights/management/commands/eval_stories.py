"""`manage.py eval_stories --docs F --pairs F [--aliases F] [--json]`: story linking measured
over same-story pairs.

docs: JSONL {"id", "lang", "title", "text", "published_at"?}, linked in time order (file order when
there is no time); pairs: JSONL {"a", "b"}, every pair of documents that carry the same story;
aliases (optional): one watched name a line, its spellings separated by "|".
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from lantoa.core.text import fold_lower
from lantoa.insights.ml.hanviet import compounds
from lantoa.insights.ml.linking import THRESHOLD, cluster, pair_scores


def _read_jsonl(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise CommandError(f"Tệp {path} không phải JSONL hợp lệ (dòng {exc.lineno}).") from exc


def aliases_read(path: str | None) -> dict[str, str]:
    if not path:
        return {}
    found = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            for spelling in line.split("|"):
                if spelling.strip():
                    found[fold_lower(spelling.strip())] = f"eval{number}"
    return found


def evaluate(docs: list[dict], pairs: list[dict], *, aliases=None, threshold=THRESHOLD) -> dict:
    missing = [d for d in docs if not {"id", "lang", "title"} <= d.keys()]
    if missing:
        raise CommandError(f"Tài liệu thiếu trường id, lang hoặc title: {missing[0]}")
    ordered = sorted(enumerate(docs), key=lambda pair: (pair[1].get("published_at") or "", pair[0]))
    compounds()  # the Hán-Việt tables load once per process, not per document
    started = time.perf_counter()
    stories = cluster(
        [(d["id"], d["lang"], d["title"], d.get("text", "")) for _, d in ordered],
        aliases=aliases,
        threshold=threshold,
    )
    seconds = time.perf_counter() - started
    figures = pair_scores(stories, [(p["a"], p["b"]) for p in pairs])
    figures["documents"] = len(docs)
    figures["stories"] = len(set(stories.values()))
    figures["docs_per_second"] = round(len(docs) / seconds, 1) if seconds else None
    return figures


class Command(BaseCommand):
    help = "Đánh giá việc gom tin thành chuỗi tin (cùng sự kiện, khác nguồn, khác ngôn ngữ)."

    def add_arguments(self, parser):
        parser.add_argument("--docs", required=True)
        parser.add_argument("--pairs", required=True)
        parser.add_argument("--aliases")
        parser.add_argument("--threshold", type=float, default=THRESHOLD)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        figures = evaluate(
            _read_jsonl(options["docs"]),
            _read_jsonl(options["pairs"]),
            aliases=aliases_read(options["aliases"]),
            threshold=options["threshold"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False))
            return
        for key, value in figures.items():
            self.stdout.write(f"{key}: {value}")
