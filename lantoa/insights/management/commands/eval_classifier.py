"""`manage.py eval_classifier --task topic|tone [--train FILE] --test FILE [--json]`.

Tone is reported per language (a row's "lang" field, else detected). Without --train the figures
are those of the out-of-the-box analysers the product uses before any staff label.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from lantoa.insights.ml.data import DataError, read_jsonl_langs
from lantoa.insights.ml.evaluate import evaluate_classifier, evaluate_tone
from lantoa.insights.ml.metrics import format_figures
from lantoa.insights.ml.pipelines import TASKS


class Command(BaseCommand):
    help = (
        "Huấn luyện đúng pipeline sản phẩm (chủ đề hoặc sắc thái) trên tệp JSONL text/label và "
        "in độ chính xác, macro-F1, số liệu từng lớp, ma trận nhầm lẫn trên tệp kiểm tra. "
        "Sắc thái được tính theo từng ngôn ngữ; không có --train thì đánh giá bộ phân tích "
        "sẵn có khi chưa có nhãn nào."
    )

    def add_arguments(self, parser):
        parser.add_argument("--task", choices=TASKS, required=True)
        parser.add_argument(
            "--train", help="JSONL: {text, label[, lang]} mỗi dòng (bắt buộc với chủ đề)"
        )
        parser.add_argument("--test", required=True, help="JSONL: {text, label} mỗi dòng")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument(
            "--no-baseline", action="store_true", help="không huấn luyện mô hình đối chứng"
        )

    def handle(self, *args, **options):
        if not options["train"] and options["task"] != "tone":
            raise CommandError("Đánh giá chủ đề cần tệp huấn luyện (--train).")
        try:
            train_texts, train_labels, train_langs = (
                read_jsonl_langs(options["train"]) if options["train"] else ([], [], [])
            )
            test_texts, test_labels, test_langs = read_jsonl_langs(options["test"])
        except DataError as exc:
            raise CommandError(str(exc)) from exc
        if options["train"] and len(set(train_labels)) < 2:
            raise CommandError("Tệp huấn luyện cần ít nhất hai nhãn khác nhau.")
        if options["task"] == "tone":
            result = evaluate_tone(
                test_texts, test_labels, test_langs, train_texts, train_labels, train_langs
            )
        else:
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
            f"task={result['task']}  train={result.get('train_size', 0)}  "
            f"test={result['test_size']}"
        )
        for lang, figures in result.get("languages", {}).items():
            method = figures.get("method", "học từ nhãn")
            self.stdout.write(
                f"  {lang}  n={figures['n']:>5}  accuracy {figures['accuracy']:.4f}  "
                f"macro-F1 {figures['macro_f1']:.4f}  ({method})"
            )
        for key, title in (
            ("model", "Lantoa pipeline"),
            ("baseline_tfidf_linearsvc", "Baseline: TF-IDF + LinearSVC"),
            ("baseline_lexicon", "Baseline: lexicon"),
        ):
            if key in result:
                self.stdout.write("\n" + format_figures(result[key], title=f"# {title}"))
