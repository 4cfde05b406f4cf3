"""What changed since the previous period, for every figure at once.

Built only from the `Count`s the owner apps' `kpi_*` selectors return, compared label by label with
the same selectors run over the previous period of the same length (or last year, in the annual
report): no figure needs code of its own. A figure whose counts are parts of one whole
(`FigureSpec.parts`: items by topic, pages by language…) gets its total's change and the parts that
moved it most; any other figure names its values that moved most.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from lantoa.core.text import vn_number

# The contributors named beside a figure: the few labels whose counts moved most.
CONTRIBUTORS = 3


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before [start, end] (both inclusive)."""
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


def _number(value) -> int | float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _tidy(value: float) -> int | float:
    value = round(value, 1)
    return int(value) if value == int(value) else value


def signed(diff: int | float) -> str:
    """A change as the dashboard writes it: "+3", "−2,5" (a true minus sign), "0"."""
    diff = _tidy(diff)
    text = vn_number(abs(diff))
    return "0" if diff == 0 else (f"+{text}" if diff > 0 else f"−{text}")


@dataclass(frozen=True)
class Change:
    """One value against the previous period's value of the same label."""

    value: int | float | str
    previous: int | float | str | None  # None: the label had no value then

    @property
    def diff(self) -> int | float | None:
        now, then = _number(self.value), _number(self.previous or 0)
        if now is None or then is None:
            return None
        return _tidy(now - then)

    @property
    def percent(self) -> float | None:
        """The change in % of the previous value; None when that was 0 or not a number."""
        then = _number(self.previous)
        if self.diff is None or not then:
            return None
        return round(100 * self.diff / then, 1)

    @property
    def text(self) -> str:
        """ "+3 (+25,0 %)", "−2", "mới" (nothing before), "" (not a number)."""
        if self.diff is None:
            return ""
        if not _number(self.previous) and self.diff:
            return f"{signed(self.diff)} (kỳ trước không có)"
        percent = self.percent
        return signed(self.diff) + (f" ({signed(percent)} %)" if percent else "")


@dataclass
class FigureChange:
    """A figure's changes since the previous period and a plain Vietnamese summary of them."""

    title: str
    rows: dict[str, Change] = field(default_factory=dict)
    summary: str = ""
    contributors: list[tuple[str, int | float]] = field(default_factory=list)


def _countable(count) -> bool:
    """A value that is itself a number of records (not a share, a median or a sum)."""
    return count.basis is None and isinstance(count.value, int)


def _moved(rows: dict[str, Change], labels) -> list[tuple[str, int | float]]:
    moved = [(label, rows[label].diff) for label in labels if rows[label].diff]
    moved.sort(key=lambda pair: (-abs(pair[1]), pair[0]))
    return moved[:CONTRIBUTORS]


def _names(moved) -> str:
    return ", ".join(f"{label} ({signed(diff)})" for label, diff in moved)


def figure_change(figure, previous, *, period_name: str = "kỳ trước") -> FigureChange:
    """Compare `figure` with the same figure of the previous period (`previous`, a Figure or
    None) label by label, and say in plain Vietnamese what moved and who moved it."""
    before = {str(c.label): c.value for c in (previous.counts if previous else None) or []}
    counts = figure.counts or []
    change = FigureChange(title=figure.spec.title)
    change.rows = {str(c.label): Change(c.value, before.get(str(c.label))) for c in counts}
    countable = [str(c.label) for c in counts if _countable(c)]
    # Labels there before and gone now moved too (a topic with no item this period).
    gone = [label for label in before if label not in change.rows and _number(before[label])]
    for label in gone:
        change.rows[label] = Change(0, before[label])
    if not counts and not before:
        return change
    if getattr(figure.spec, "parts", False):
        now_total = sum(c.value for c in counts if _countable(c))
        then_total = sum(v for v in before.values() if isinstance(v, int))
        total = Change(now_total, then_total)
        change.contributors = _moved(change.rows, countable + gone)
        if not total.diff:
            change.summary = f"Tổng số không đổi so với {period_name} ({vn_number(now_total)})." + (
                f" Dịch chuyển: {_names(change.contributors)}." if change.contributors else ""
            )
            return change
        direction = "tăng" if total.diff > 0 else "giảm"
        change.summary = (
            f"Tổng số {direction} từ {vn_number(then_total)} lên {vn_number(now_total)}"
            if total.diff > 0
            else f"Tổng số {direction} từ {vn_number(then_total)} xuống {vn_number(now_total)}"
        ) + f" so với {period_name}: {total.text}."
        if change.contributors:
            change.summary += f" Thay đổi nhiều nhất: {_names(change.contributors)}."
        return change
    numeric = [label for label, row in change.rows.items() if row.diff is not None]
    change.contributors = _moved(change.rows, numeric)
    if not change.contributors:
        change.summary = f"Không thay đổi so với {period_name}."
    else:
        change.summary = f"So với {period_name}, thay đổi nhiều nhất: " + (
            "; ".join(f"{label} {change.rows[label].text}" for label, _d in change.contributors)
            + "."
        )
    return change


def figures_changes(figures, previous, *, period_name: str = "kỳ trước") -> dict[str, FigureChange]:
    """{figure key: its FigureChange} for the dashboard's figures against the previous ones."""
    before = {f.spec.key: f for f in previous}
    return {
        f.spec.key: figure_change(f, before.get(f.spec.key), period_name=period_name)
        for f in figures
    }
