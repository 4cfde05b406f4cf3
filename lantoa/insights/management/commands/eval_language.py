"""`manage.py eval_language FILE… [--json]`: language-ID accuracy on JSONL text/lang files."""

import json

from django.core.management.base import BaseCommand, CommandError

from lantoa.insights.ml.data import DataError, read_jsonl
from lantoa.insights.ml.evaluate import evaluate_language
from lantoa.insights.ml.metrics import format_figures


class Command(BaseCommand):
    help = "Đánh giá nhận dạng ngôn ngữ (vi/en/zh/ko/ja/fr) trên tệp JSONL có trường text và lang."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        results = {}
        for path in options["files"]:
            try:
                texts, langs = read_jsonl(path, label_field="lang")
            except DataError as exc:
                raise CommandError(str(exc)) from exc
            results[path] = evaluate_language(texts, langs)
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for path, figures in results.items():
            self.stdout.write(format_figures(figures, title=f"# {path}") + "\n")
