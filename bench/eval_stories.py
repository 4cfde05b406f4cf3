"""Story linking evaluation (`make eval`): `manage.py eval_stories` on the Vietnamese–Japanese
pairs of $LANTOA_DATA_DIR/crosslang (translations: the easy, upper-bound case) and on the
hand-written harder cases of bench/data/stories_hard (other outlets' own words, six languages,
the same place with other events, a follow-up that is a story of its own).

Reproduce:
  .venv/bin/python manage.py eval_stories --docs ../shared/data/crosslang/docs_dev.jsonl \\
      --pairs ../shared/data/crosslang/pairs_dev.jsonl --json
  .venv/bin/python manage.py eval_stories --docs bench/data/stories_hard/docs.jsonl \\
      --pairs bench/data/stories_hard/pairs.jsonl \\
      --aliases bench/data/stories_hard/aliases.txt --json
  (the same with bench/data/stories_harder and bench/data/stories_words); every row, with the
  2-fold cross-validation:
  make eval   (bench.evaluate runs every bench/eval_*.py)
"""

import io
import itertools
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

HARD = Path(__file__).parent / "data" / "stories_hard"
HARDER = Path(__file__).parent / "data" / "stories_harder"
WORDS = Path(__file__).parent / "data" / "stories_words"
TARGET_F1 = 0.85
# The settings tried by the cross-validation: (cross_boost, hanviet_weight, threshold, margin).
GRID = list(itertools.product((1.5, 2.5), (4.0, 6.0), (0.5, 0.65, 0.8), (1.3, 1.6)))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _link(docs: list[dict], keys: dict, boost: float, weight: float, threshold: float, margin):
    from lantoa.insights.ml.linking import StoryIndex

    index = StoryIndex(threshold=threshold, cross_boost=boost, hanviet_weight=weight, margin=margin)
    stories = {}
    for doc in docs:
        story, _ = index.best(keys[doc["id"]], doc["lang"])
        stories[doc["id"]] = story if story is not None else doc["id"]
        index.add(doc["id"], stories[doc["id"]], keys[doc["id"]], doc["lang"])
    return stories


def cross_validated(docs: list[dict], pairs: list[dict], folds: int = 2) -> dict:
    """Two-fold cross-validation by story: the settings (GRID) that give the best F1 on the other
    fold's stories are measured on this fold's; pairs are pooled over the folds."""
    from lantoa.insights.ml.linking import pair_scores, story_keys

    keys = {
        d["id"]: story_keys(d["title"], d.get("text", ""), d["lang"], hanviet=True) for d in docs
    }
    fold_of = {}
    for number, pair in enumerate(pairs):
        fold_of[pair["a"]] = fold_of[pair["b"]] = number % folds
    predicted_hits = predicted = gold = 0
    chosen = []
    for fold in range(folds):
        tune = [d for d in docs if fold_of.get(d["id"], 0) != fold]
        test = [d for d in docs if fold_of.get(d["id"], 0) == fold]
        tune_pairs = [(p["a"], p["b"]) for p in pairs if fold_of[p["a"]] != fold]
        test_pairs = [(p["a"], p["b"]) for p in pairs if fold_of[p["a"]] == fold]
        best = max(GRID, key=lambda g: pair_scores(_link(tune, keys, *g), tune_pairs)["f1"])
        chosen.append(best)
        f = pair_scores(_link(test, keys, *best), test_pairs)
        hits = round(f["recall"] * f["pairs_gold"])
        predicted_hits += hits
        predicted += f["pairs_predicted"]
        gold += f["pairs_gold"]
    precision = predicted_hits / predicted if predicted else 0.0
    recall = predicted_hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "pairs_gold": gold,
        "documents": len(docs),
        "docs_per_second": None,
        "chosen": chosen,
    }


def _run(*args: str) -> dict:
    out = io.StringIO()
    call_command("eval_stories", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def main(argv: list[str]) -> None:
    rows = []
    crosslang = Path(settings.DATA_DIR) / "crosslang"
    if (crosslang / "docs_dev.jsonl").exists():
        figures = _run(
            "--docs",
            str(crosslang / "docs_dev.jsonl"),
            "--pairs",
            str(crosslang / "pairs_dev.jsonl"),
        )
        rows.append(("crosslang vi–ja (ALT, dev), shipped settings", figures))
        figures = cross_validated(
            _jsonl(crosslang / "docs_dev.jsonl"), _jsonl(crosslang / "pairs_dev.jsonl")
        )
        rows.append(("crosslang vi–ja, 2-fold CV (settings tuned on the other fold)", figures))
        print(
            "CV settings chosen (cross_boost, hanviet_weight, threshold, margin):",
            figures["chosen"],
        )
    else:
        print(f"skipped crosslang: {crosslang} is absent")
    figures = _run(
        "--docs", str(HARD / "docs.jsonl"), "--pairs", str(HARD / "pairs.jsonl"),
        "--aliases", str(HARD / "aliases.txt"),
    )  # fmt: skip
    rows.append(("hard cases (6 languages, bench/data)", figures))
    figures = _run(
        "--docs", str(HARDER / "docs.jsonl"), "--pairs", str(HARDER / "pairs.jsonl"),
        "--aliases", str(HARDER / "aliases.txt"),
    )  # fmt: skip
    rows.append(("harder cases (Hán-Việt, look-alikes, follow-up)", figures))
    figures = _run(
        "--docs", str(WORDS / "docs.jsonl"), "--pairs", str(WORDS / "pairs.jsonl"),
        "--aliases", str(WORDS / "aliases.txt"),
    )  # fmt: skip
    rows.append(
        ("written differently (Phần Lan, 8,5 tỷ, tháng Mười Một; one shared number)", figures)
    )
    print(f"| set | docs | pairs | precision | recall | F1 (goal ≥ {TARGET_F1}) | docs/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, f in rows:
        print(
            f"| {name} | {f['documents']} | {f['pairs_gold']} | {f['precision']:.3f} | "
            f"{f['recall']:.3f} | {f['f1']:.3f} | {f['docs_per_second']} |"
        )
