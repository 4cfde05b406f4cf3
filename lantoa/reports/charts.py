"""The dashboard's chart of a figure, decided once for every figure from its `Count`s.

Counts of records and the values computed from records (sums of attendees, shares, hours) are not
drawn against one axis: the counts take the left axis, the computed values their own right axis.
An axis whose values span two orders of magnitude or more (10 000 Vietnamese items beside 12 in
Korean) is drawn on a logarithmic scale and says so in its title, so small bars stay visible and
nobody reads them as equal steps.
"""

from django.utils.translation import gettext as _

# max / min (non-zero) from which an axis is logarithmic.
LOG_RATIO = 100


def _numeric(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _log(values: list) -> bool:
    positive = [v for v in values if v and v > 0]
    return len(positive) > 1 and max(positive) / min(positive) >= LOG_RATIO


def _axis(values: list, title: str, position: str) -> dict:
    log = _log(values)
    if log:
        title = _("%(title)s — thang logarit (mỗi vạch gấp 10 lần)") % {"title": title}
    return {"type": "logarithmic" if log else "linear", "title": title, "position": position}


def chart_spec(figure) -> dict | None:
    """What dashboard.js draws for `figure` (None: no chart). A bar chart has one dataset per
    axis; a doughnut only the counts (the parts of a whole)."""
    if not figure.has_data or figure.spec.chart == "none":
        return None
    counts = [c for c in figure.counts if _numeric(c.value)]
    records = [c for c in counts if c.basis is None and isinstance(c.value, int)]
    computed = [c for c in counts if c not in records]
    if figure.spec.chart == "doughnut":
        computed = []
    labels = [str(c.label) for c in records + computed]
    datasets, scales = [], {}
    for axis, members, title, position in (
        ("y", records, _("Số bản ghi"), "left"),
        ("y1", computed, _("Tổng, tỷ lệ, thời gian (trục riêng)"), "right"),
    ):
        if not members:
            continue
        values = [c.value for c in members]
        datasets.append(
            {
                "label": title,
                "axis": axis,
                # One value per label: the other axis's labels are empty on this dataset.
                "data": [c.value if c in members else None for c in records + computed],
            }
        )
        scales[axis] = _axis(values, title, position)
    return {
        "id": f"chart-{figure.spec.key}",
        "type": figure.spec.chart,
        "title": figure.spec.title,
        "labels": labels,
        "datasets": datasets,
        "scales": scales if figure.spec.chart == "bar" else {},
    }
