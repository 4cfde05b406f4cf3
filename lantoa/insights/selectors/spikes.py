"""Why a spike happened: what is over-represented in the spike window against the baseline.

The spike window is compared with the trailing windows it was measured against (`spike_check`):
for each term, source, language and story, its share of the window's items against its share of
the baseline's items. What the window holds more of than usual drove the spike; what was there
anyway (the watchlist's own name, the everyday sources) did not, even if it is in every item.
Each entry counts the items (an item counts once per entry), the extra items over what the
baseline share predicts, and links to the item list filtered to exactly those items.

Terms use the search index's tokenisation (`monitoring.search.tokens.exact_tokens`) on the
title and summary, so a term in Chinese, Korean or Vietnamese is cut as search cuts it and the
drill-down (a search for that word) finds the items it was counted in.
"""

import random
from collections import Counter
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from lantoa.core.constants import language_name
from lantoa.monitoring.models import Item, Story
from lantoa.monitoring.search.tokens import exact_tokens

from ..constants import SPIKE_EXPLAIN_TOP

# Short function words that would otherwise top every "what drove it" list.
_STOPWORDS = frozenset(
    """và của là có cho các những được trong với đã này một người không tại về từ khi đến để
    theo ra sẽ như thì lại cũng vào năm ngày bài tin bị do đang
    the of and to in a is for on at by""".split()  # noqa: SIM905
)
KINDS = ("terms", "sources", "languages", "stories")
# At most this many baseline items are read for an explanation (a random sample beyond).
BASELINE_SAMPLE = 5000


def _terms(item: Item) -> set[str]:
    tokens = exact_tokens(f"{item.title} {item.summary}")
    return {
        t
        for t in tokens
        if t not in _STOPWORDS and not t.isdigit() and (len(t) > 1 or not t.isascii())
    }


_KEYS: dict[str, Callable[[Item], Iterable]] = {
    "terms": _terms,
    "sources": lambda item: (item.source_id,),
    "languages": lambda item: (item.language,) if item.language else (),
    "stories": lambda item: (item.story_id,) if item.story_id else (),
}
_FILTER = {"terms": "term", "sources": "source", "languages": "language", "stories": "story"}


def item_list_path(params: dict) -> str:
    """The admin item list filtered by `params` (the filters monitoring and insights declare)."""
    return reverse("wagtailsnippets_monitoring_item:list") + "?" + urlencode(params)


def absolute(path: str) -> str:
    """`path` on the admin's public address, for e-mails and webhooks."""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def _labels(kind: str, keys: list, items: list[Item]) -> dict:
    if kind == "sources":
        return {i.source_id: i.source.name for i in items if i.source_id in keys}
    if kind == "languages":
        return {key: language_name(key) for key in keys}
    if kind == "stories":
        return dict(Story.objects.filter(pk__in=keys).values_list("pk", "title"))
    return {key: key for key in keys}


def spike_explain(
    window: list[Item], baseline: list[Item], *, drill: dict, top: int = SPIKE_EXPLAIN_TOP
) -> dict:
    """The terms, sources, languages and stories over-represented in `window` against
    `baseline` (both lists of items with their source loaded), `top` of each, most extra items
    first. `drill` holds the item-list filters that select the window (scope, stream, moments);
    each entry's `path` adds its own filter to them.

    An entry needs at least two items in the window and a larger share there than in the
    baseline; `extra` is its count minus what its baseline share predicts for the window."""
    n_window, total_baseline = len(window), len(baseline)
    if total_baseline > BASELINE_SAMPLE:
        # Shares, not counts, are compared: a random sample of a large baseline (seeded, so an
        # alert explains itself the same way twice) gives them within about one point and keeps
        # a busy stream's explanation to about a second. A stride would alias with periodic data.
        picked = random.Random(0).sample(range(total_baseline), BASELINE_SAMPLE)  # noqa: S311
        baseline = [baseline[n] for n in sorted(picked)]
    n_baseline = len(baseline)
    explanation: dict = {
        "window_items": n_window,
        "baseline_items": total_baseline,
        "baseline_sampled": n_baseline,
    }
    for kind in KINDS:
        keys = _KEYS[kind]
        now = Counter(k for item in window for k in set(keys(item)))
        before = Counter(k for item in baseline for k in set(keys(item)))
        rows = []
        for key, count in now.items():
            usual = before[key] / n_baseline if n_baseline else 0.0
            extra = count - usual * n_window
            if count >= 2 and count / n_window > usual and extra >= 1:
                rows.append((key, count, usual, extra))
        rows.sort(key=lambda row: (-row[3], -row[1], str(row[0])))
        rows = rows[:top]
        labels = _labels(kind, [r[0] for r in rows], window)
        entries = []
        for key, count, usual, extra in rows:
            path = item_list_path({**drill, _FILTER[kind]: key})
            entries.append(
                {
                    "key": key,
                    "label": labels.get(key, str(key)),
                    "items": count,
                    "share": round(100 * count / n_window, 1),
                    "baseline_share": round(100 * usual, 1),
                    "extra": round(extra, 1),
                    "path": path,
                    "link": absolute(path),
                }
            )
        explanation[kind] = entries
    return explanation


def _pct(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")


def spike_explanation_lines(explanation: dict, *, links: bool = False) -> list[str]:
    """The explanation in plain Vietnamese, one line per kind that has entries (each entry with
    its absolute drill-down link when `links`, for an e-mail or a chat message)."""
    heads = {
        "terms": _("Từ khóa nổi lên"),
        "sources": _("Nguồn đăng nhiều bất thường"),
        "languages": _("Ngôn ngữ tăng"),
        "stories": _("Chuỗi tin kéo theo"),
    }
    lines = []
    for kind in KINDS:
        entries = explanation.get(kind) or []
        if not entries:
            continue
        parts = []
        for entry in entries:
            label = f"“{entry['label']}”" if kind in ("terms", "stories") else entry["label"]
            part = _("%(label)s: %(n)d tin (%(share)s %%, thường %(usual)s %%)") % {
                "label": label,
                "n": entry["items"],
                "share": _pct(entry["share"]),
                "usual": _pct(entry["baseline_share"]),
            }
            parts.append(f"\n  - {part}: {entry['link']}" if links else part)
        lines.append(f"{heads[kind]}: " + ("".join(parts) if links else "; ".join(parts)))
    if not lines:
        lines.append(
            _("Không có từ khóa, nguồn, ngôn ngữ hay chuỗi tin nào nổi trội: tin tăng đều.")
        )
    return lines
