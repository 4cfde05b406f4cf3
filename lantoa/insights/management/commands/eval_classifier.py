"""`manage.py eval_classifier --task topic|tone --train FILE --test FILE [--json]`."""

import json

from django.core.management.base import BaseCommand, CommandError

from lantoa.insights.ml.data import DataError, read_jsonl
from lantoa.insights.ml.evaluate import evaluate_classifier
from lantoa.insights.ml.metrics import format_figures
from lantoa.insights.ml.pipelines import TASKS


class Command(BaseCommand):
    help = (
        "Huấn luyện đúng pipeline sản phẩm (chủ đề hoặc sắc thái) trên tệp JSONL text/label và "
        "in độ chính xác, macro-F1, số liệu từng lớp, ma trận nhầm lẫn trên tệp kiểm tra."
    )

    def add_arguments(self, parser):
        parser.add_argument("--task", choices=TASKS, required=True)
        parser.add_argument("--train", required=True, help="JSONL: {text, label} mỗi dòng")
        parser.add_argument("--test", required=True, help="JSONL: {text, label} mỗi dòng")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument(
            "--no-baseline", action="store_true", help="không huấn luyện mô hình đối chứng"
        )

    def handle(self, *args, **options):
        try:
            train_texts, train_labels = read_jsonl(options["train"])
            test_texts, test_labels = read_jsonl(options["test"])
        except DataError as exc:
            raise CommandError(str(exc)) from exc
        if len(set(train_labels)) < 2:
            raise CommandError("Tệp huấn luyện cần ít nhất hai nhãn khác nhau.")
        result = evaluate_classifier(
            options["task"],
            train_texts,
            train_labels,
            test_texts,
            test_labels,
            with_baseline=not options["no_baseline"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"task={result['task']}  train={result['train_size']}  test={result['test_size']}"
        )
        for key, title in (
            ("model", "Lantoa pipeline"),
            ("baseline_tfidf_linearsvc", "Baseline: TF-IDF + LinearSVC"),
            ("baseline_lexicon", "Baseline: lexicon"),
        ):
            if key in result:
                self.stdout.write("\n" + format_figures(result[key], title=f"# {title}"))
