"""Reading labelled JSONL files (one JSON object a line) for evaluation and label import."""

import json
from pathlib import Path

from lantoa.core.text import nfc


class DataError(ValueError):
    """A labelled file that cannot be used; the message is for the person who supplied it."""


def read_jsonl(path: str | Path, *, text_field: str = "text", label_field: str = "label"):
    """(texts, labels) from a JSONL file; raises DataError naming the first bad line."""
    texts, labels, _ = read_jsonl_langs(path, text_field=text_field, label_field=label_field)
    return texts, labels


def read_jsonl_langs(
    path: str | Path, *, text_field: str = "text", label_field: str = "label"
) -> tuple[list[str], list[str], list[str]]:
    """(texts, labels, langs): a row's optional "lang" field, "" when it has none."""
    texts: list[str] = []
    labels: list[str] = []
    langs: list[str] = []
    try:
        # split("\n"), not splitlines(): U+0085 may sit inside a JSON string.
        lines = Path(path).read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"Không đọc được tệp {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}, dòng {number}: không phải JSON hợp lệ ({exc.msg}).") from exc
        if not isinstance(row, dict) or text_field not in row or label_field not in row:
            raise DataError(
                f"{path}, dòng {number}: cần hai trường “{text_field}” và “{label_field}”."
            )
        texts.append(nfc(str(row[text_field])))
        labels.append(str(row[label_field]))
        langs.append(str(row.get("lang") or ""))
    if not texts:
        raise DataError(f"{path}: tệp không có dòng dữ liệu nào.")
    return texts, labels, langs
