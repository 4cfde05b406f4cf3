"""Reads of backtests: the query a watchlist or alert rule runs and its relaxed variant, the
precision a marked sample estimates (Wilson interval), and a subject's history by version."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lantoa.monitoring.search.query import (
    And,
    Not,
    Or,
    ParsedQuery,
    QueryError,
    parse_query,
    unaccented,
)

from ..constants import BacktestVariant, TopicMethod
from ..models import AlertRule, Backtest, Topic, Watchlist

# z of a two-sided 95 % interval.
Z_95 = 1.959963984540054


class BacktestError(ValueError):
    """A backtest that cannot run, with a Vietnamese message."""


@dataclass(frozen=True)
class BacktestQueries:
    """What a backtest runs: the query (as the product would run it) and its relaxed variant."""

    text: str
    strict: ParsedQuery
    loose: object  # a query tree: the query and the aliases, every term without diacritics
    aliases: list[str]

    @property
    def relaxed_extra(self):
        """What the relaxed variant (query OR loose) adds to the query: loose AND NOT query."""
        return And((self.loose, Not(self.strict.root)))


@dataclass(frozen=True)
class Precision:
    """Share of the marked sample found relevant, with its 95 % Wilson interval (None: nothing
    marked yet)."""

    relevant: int
    marked: int
    estimate: float | None
    low: float | None
    high: float | None

    @property
    def percent(self) -> float | None:
        return None if self.estimate is None else 100 * self.estimate

    @property
    def low_percent(self) -> float | None:
        return None if self.low is None else 100 * self.low

    @property
    def high_percent(self) -> float | None:
        return None if self.high is None else 100 * self.high


def wilson_interval(successes: int, trials: int, *, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (what statsmodels' `proportion_confint(...,
    method="wilson")` gives): unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and is honest
    for small samples and for 0 or n successes."""
    if trials <= 0:
        raise ValueError("trials must be positive")
    if not 0 <= successes <= trials:
        raise ValueError("successes must be between 0 and trials")
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


def precision_of(marks: list[bool | None]) -> Precision:
    marked = [mark for mark in marks if mark is not None]
    relevant = sum(1 for mark in marked if mark)
    if not marked:
        return Precision(relevant=0, marked=0, estimate=None, low=None, high=None)
    low, high = wilson_interval(relevant, len(marked))
    return Precision(relevant, len(marked), relevant / len(marked), low, high)


def backtest_precision(backtest: Backtest, variant: str = BacktestVariant.STRICT) -> Precision:
    marks = backtest.samples.filter(variant=variant).values_list("relevant", flat=True)
    return precision_of(list(marks))


def query_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


def _parse(text: str, what: str) -> ParsedQuery:
    try:
        return parse_query(text)
    except QueryError as exc:
        raise BacktestError(
            _("%(what)s không hợp lệ: %(error)s") % {"what": what, "error": exc}
        ) from None


def backtest_queries(*, query: str, aliases: list[str]) -> BacktestQueries:
    """The queries of a backtest: `query` as the product runs it, and the relaxed variant that
    also matches every term without diacritics and each alias without diacritics."""
    if not query.strip():
        raise BacktestError(_("Chưa có câu truy vấn hoặc tên gọi khác nào để thử."))
    strict = _parse(query, _("Câu truy vấn"))
    loose = [unaccented(strict.root)]
    if aliases:
        loose.append(
            unaccented(
                _parse(
                    Watchlist(aliases="\n".join(aliases)).effective_query(), _("Tên gọi khác")
                ).root
            )
        )
    return BacktestQueries(
        text=strict.text,
        strict=strict,
        loose=loose[0] if len(loose) == 1 else Or(tuple(loose)),
        aliases=aliases,
    )


def watchlist_backtest_queries(*, query: str, aliases: str) -> BacktestQueries:
    """A watchlist's form values (saved or not): its `effective_query()` and its aliases."""
    draft = Watchlist(query=query or "", aliases=aliases or "")
    return backtest_queries(query=draft.effective_query(), aliases=draft.alias_list())


def rule_backtest_queries(*, watchlist: Watchlist | None, topic: Topic | None) -> BacktestQueries:
    """An alert rule's scope, as its alerts read it: the watchlist's query when it has one
    (aliases included), else the topic's query."""
    if watchlist is not None:
        return watchlist_backtest_queries(query=watchlist.query, aliases=watchlist.aliases)
    if topic is not None:
        if not topic.query.strip() or topic.method == TopicMethod.CLASSIFIER:
            raise BacktestError(
                _("Chủ đề “%(topic)s” do bộ phân loại xác định, không có câu truy vấn để thử.")
                % {"topic": topic}
            )
        return backtest_queries(query=topic.query, aliases=[])
    raise BacktestError(
        _("Quy tắc chưa giới hạn theo danh sách theo dõi hay chủ đề: không có câu truy vấn để thử.")
    )


def backtest_history(*, watchlist: Watchlist | None = None, rule: AlertRule | None = None):
    """The subject's backtests, newest first, each with its precision (strict and relaxed)."""
    backtests = Backtest.objects.filter(watchlist=watchlist, rule=rule).prefetch_related("samples")
    rows = []
    for backtest in backtests:
        samples = list(backtest.samples.all())
        rows.append(
            {
                "backtest": backtest,
                "precision": precision_of(
                    [s.relevant for s in samples if s.variant == BacktestVariant.STRICT]
                ),
                "relaxed_precision": precision_of(
                    [s.relevant for s in samples if s.variant == BacktestVariant.RELAXED]
                ),
            }
        )
    return rows
