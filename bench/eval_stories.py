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
"""

import io
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

HARD = Path(__file__).parent / "data" / "stories_hard"
TARGET_F1 = 0.85


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
        rows.append(("crosslang vi–ja (ALT, dev)", figures))
    else:
        print(f"skipped crosslang: {crosslang} is absent")
    figures = _run(
        "--docs", str(HARD / "docs.jsonl"), "--pairs", str(HARD / "pairs.jsonl"),
        "--aliases", str(HARD / "aliases.txt"),
    )  # fmt: skip
    rows.append(("hard cases (6 languages, bench/data)", figures))
    print(f"| set | docs | pairs | precision | recall | F1 (goal ≥ {TARGET_F1}) | docs/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, f in rows:
        print(
            f"| {name} | {f['documents']} | {f['pairs_gold']} | {f['precision']:.3f} | "
            f"{f['recall']:.3f} | {f['f1']:.3f} | {f['docs_per_second']} |"
        )
