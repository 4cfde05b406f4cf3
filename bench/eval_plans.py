"""Plan importer evaluation (`make eval`): per-field precision and recall, and silent drops.

Reproduce: `make eval` (or `.venv/bin/python -m bench.evaluate`), or only this part:
`.venv/bin/python -m bench.eval_plans`. The corpus is bench/corpus/plans (documents written by
the team in the layouts offices issue; see bench/plan_corpus.py). Each file is built (TXT, DOCX
with a header table, PDF with a text layer, legacy .doc), read through `extract_text` and parsed
with `parse_plan` against the demo ward's unit registry, exactly as an upload is.

A field's items are compared as sets of (document, item) pairs: precision = correct / produced,
recall = correct / expected. "Silent drops" counts non-empty input lines found in no destination
(header, citation, outline, recipients, signature, furniture or the unrecognised list).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict

from lantoa.plans.importer import PlanImportError, UnitDirectory, extract_text, parse_plan
from lantoa.plans.importer.accounting import unplaced_lines
from lantoa.plans.importer.structure import UnitEntry

HEADER_FIELDS = ("code", "doc_type", "system", "parent_body", "issuing_body", "place", "issued_on")


def demo_directory() -> UnitDirectory:
    from lantoa.core.demo import UNITS

    return UnitDirectory(
        [
            UnitEntry(
                code=spec.code,
                kind=spec.kind,
                names=tuple(n for n in (spec.name, spec.short_name, *spec.aliases) if n),
            )
            for spec in UNITS
        ]
    )


def _mention(mention) -> str | None:
    if mention is None:
        return None
    return mention.code or f"+{mention.text}"


def summarise(parsed) -> dict:
    """The parsed plan in the expected-result shape of the corpus JSON files."""
    header = parsed.to_dict()["header"]
    return {
        "header": {key: header[key] for key in (*HEADER_FIELDS, "title")},
        "directives": [
            {
                "code": ref.code,
                "doc_type": ref.doc_type,
                "issuer": ref.issuer,
                "issued_on": ref.issued_on.isoformat() if ref.issued_on else None,
                "parent_code": ref.parent_code,
                "relation": ref.relation,
            }
            for ref in parsed.directives
        ],
        "implements": parsed.implements,
        "outline": [[section.path, section.kind] for section in parsed.walk()],
        "recipients": parsed.recipients,
        "signature": {
            "authority": parsed.signature.authority,
            "title": parsed.signature.title,
            "name": parsed.signature.name,
        },
        "tasks": [
            {
                "path": task.path,
                "kind": getattr(task, "kind", "task"),
                "lead": _mention(task.lead),
                "coordinating": [_mention(m) for m in task.coordinating],
                "deadline_kind": task.deadline_kind,
                "due_date": task.due_date.isoformat() if task.due_date else None,
            }
            for task in parsed.proposals
        ],
    }


def items(summary: dict) -> dict[str, set]:
    """Each field as a set of comparable items."""
    out: dict[str, set] = defaultdict(set)
    for key in HEADER_FIELDS:
        if summary["header"].get(key):
            out[f"header.{key}"].add(summary["header"][key])
    if summary["header"].get("title"):
        out["header.title"].add(summary["header"]["title"])
    for ref in summary["directives"]:
        out["citation.code"].add(ref["code"])
        out["citation.doc_type"].add((ref["code"], ref["doc_type"]))
        if ref["issuer"]:
            out["citation.issuer"].add((ref["code"], ref["issuer"]))
        if ref["issued_on"]:
            out["citation.date"].add((ref["code"], ref["issued_on"]))
        out["citation.parent"].add((ref["code"], ref["parent_code"]))
        out["citation.relation"].add((ref["code"], ref["relation"]))
    if summary["implements"]:
        out["implements"].add(summary["implements"])
    out["outline"] = {tuple(node) for node in summary["outline"]}
    out["recipients"] = set(summary["recipients"])
    for key, value in summary["signature"].items():
        if value:
            out[f"signature.{key}"].add(value)
    for task in summary["tasks"]:
        out["task"].add(task["path"])
        # What the item becomes: a task, a required report (IV.1) or an inspection plan (IV.3).
        out["task.kind"].add((task["path"], task.get("kind", "task")))
        out["task.lead"].add((task["path"], task["lead"]))
        for unit in task["coordinating"]:
            out["task.coordinating"].add((task["path"], unit))
        out["task.deadline"].add((task["path"], task["deadline_kind"], task["due_date"]))
    return out


def evaluate(cases) -> tuple[dict, int, list[str]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # correct, produced, expected
    drops = 0
    notes = []
    for case in cases:
        if case.skip:
            notes.append(f"{case.name}: skipped ({case.skip})")
            continue
        refused = case.expected.get("refused")
        try:
            text = extract_text(case.data, case.filename)
        except PlanImportError as exc:
            ok = bool(refused) and refused in str(exc)
            counts["refusal"][0] += ok
            counts["refusal"][1] += 1
            counts["refusal"][2] += bool(refused)
            continue
        if refused:
            counts["refusal"][2] += 1
            notes.append(f"{case.name}: accepted, expected refusal")
            continue
        parsed = parse_plan(text, demo_directory())
        missing = unplaced_lines(text, parsed)
        drops += len(missing)
        notes += [f"{case.name}: silent drop: {line}" for line in missing]
        got, want = items(summarise(parsed)), items(case.expected)
        for field in set(got) | set(want):
            produced, expected = got.get(field, set()), want.get(field, set())
            counts[field][0] += len(produced & expected)
            counts[field][1] += len(produced)
            counts[field][2] += len(expected)
            for item in sorted(map(str, expected - produced))[:3]:
                notes.append(f"{case.name}: {field} missed {item}")
    return counts, drops, notes


def _table(title: str, cases, argv) -> None:
    counts, drops, notes = evaluate(cases)
    print(f"{title}: {len(cases)} documents")
    columns = ("precision", "recall", "correct", "produced", "expected")
    print(f"{'field':<22} " + " ".join(f"{name:>9}" for name in columns))
    for field in sorted(counts):
        correct, produced, expected = counts[field]
        precision = correct / produced if produced else 1.0
        recall = correct / expected if expected else 1.0
        print(
            f"{field:<22} {precision:>9.3f} {recall:>9.3f} {correct:>9} {produced:>9} {expected:>9}"
        )
    print(f"silent drops: {drops}")
    if "-v" in argv:
        print("\n".join(notes))
    elif notes:
        print(f"({len(notes)} notes; -v lists them)")
    if "--json" in argv:
        print(json.dumps(dict(counts), ensure_ascii=False))


def main(argv: list[str] | None = None) -> None:
    from bench.plan_corpus import CORPUS, HELD_OUT, load_cases

    argv = sys.argv[1:] if argv is None else argv
    print("command: .venv/bin/python -m bench.eval_plans [-v]")
    # The development corpus was used while writing the parser; the held-out documents were
    # written, with their expected results, after it and before running the parser on them.
    _table("Plan importer, development corpus (bench/corpus/plans)", load_cases(CORPUS), argv)
    print()
    _table("Plan importer, held-out (bench/corpus/plans-heldout)", load_cases(HELD_OUT), argv)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantoa.settings")
    django.setup()
    main()
