"""The responses section of the annual report: counts and timeliness, computed from the cases."""

from django.utils.translation import gettext as _

from lantoa.core import panels
from lantoa.core.reporting import (
    Link,
    ReportContext,
    ReportSection,
    ReportTable,
    cite,
    report_section,
)

from . import selectors
from .constants import CaseState, Severity, Verdict, ViolationKind, ViolationOutcome, ViolationState
from .models import Case
from .selectors import effect


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _row(label: str, figures: selectors.Timeliness) -> list:
    return [
        label,
        figures.cases,
        figures.publish_n,
        _hours(figures.first_action_median_h),
        _hours(figures.publish_median_h),
        _hours(figures.publish_p90_h),
        _share(figures.on_time_share),
    ]


@report_section(key="responses", order=400)
def responses_section(context: ReportContext) -> ReportSection:
    cases = selectors.cases_in_period(context.start, context.end)
    if context.unit is not None:
        cases = cases.filter(responsible_unit=context.unit)
    cases = list(cases)
    overall = selectors.timeliness(cases)
    published = sum(1 for case in cases if case.published_at is not None)
    not_applicable = sum(1 for case in cases if case.state == CaseState.NOT_APPLICABLE)
    false_or_wrong = sum(
        1
        for case in cases
        if case.verdict in (Verdict.FALSE, Verdict.INACCURATE, Verdict.INCOMPLETE)
    )
    scope = {
        "detected_from": context.start.isoformat(),
        "detected_to": context.end.isoformat(),
        "responsible_unit": context.unit.pk if context.unit else "",
    }
    paragraphs = [
        cite(
            _("Trong kỳ, lực lượng phản ứng nhanh tiếp nhận "),
            Link(
                _("%(cases)d vụ việc") % {"cases": len(cases)},
                panels.admin_list_url("responses", "case", **scope),
            ),
            _(
                " thông tin cần làm rõ, trong đó %(wrong)d vụ việc được xác định là sai sự thật, "
                "không chính xác hoặc thiếu đầy đủ; đã công bố "
            )
            % {"wrong": false_or_wrong},
            Link(
                _("%(published)d bản làm rõ") % {"published": published},
                panels.admin_list_url("responses", "case", published="true", **scope),
            ),
            _("; %(na)d vụ việc không cần xử lý.") % {"na": not_applicable},
        )
    ]
    if overall.on_time_share is not None:
        paragraphs.append(
            _(
                "Thời gian từ khi phát hiện đến khi công bố: trung vị %(median)s giờ, 90%% vụ việc "
                "trong vòng %(p90)s giờ; %(share)s vụ việc được làm rõ đúng hạn."
            )
            % {
                "median": _hours(overall.publish_median_h),
                "p90": _hours(overall.publish_p90_h),
                "share": _share(overall.on_time_share),
            }
        )
    header = [
        _("Nhóm"),
        _("Số vụ việc"),
        _("Đã công bố"),
        _("Trung vị đến xử lý đầu tiên (giờ)"),
        _("Trung vị đến công bố (giờ)"),
        _("Phân vị 90 đến công bố (giờ)"),
        _("Tỷ lệ đúng hạn"),
    ]
    by_severity = selectors.timeliness_by(cases, "severity")
    by_month = selectors.timeliness_by(cases, "month")
    by_topic = selectors.timeliness_by(cases, "topic")
    counts = selectors.case_counts(selectors.cases_in_period(context.start, context.end))
    return ReportSection(
        key="responses",
        title=_("Xử lý thông tin sai lệch, làm rõ thông tin"),
        order=400,
        paragraphs=paragraphs,
        tables=[
            ReportTable(
                _("Theo mức độ"),
                header,
                [_row(Severity(key).label, value) for key, value in by_severity.items()],
            ),
            ReportTable(_("Theo tháng"), header, [_row(k, v) for k, v in by_month.items()]),
            ReportTable(
                _("Theo chủ đề"),
                header,
                [_row(k or _("(chưa gắn chủ đề)"), v) for k, v in by_topic.items()],
            ),
        ],
        figures={
            "cases": len(cases),
            "published": published,
            "not_applicable": not_applicable,
            "false_inaccurate_incomplete": false_or_wrong,
            "on_time": overall.on_time,
            "decided": overall.decided,
            **(
                {"on_time_share": overall.on_time_share}
                if overall.on_time_share is not None
                else {}
            ),
            **(
                {"publish_median_hours": overall.publish_median_h}
                if overall.publish_median_h is not None
                else {}
            ),
            **(
                {"publish_p90_hours": overall.publish_p90_h}
                if overall.publish_p90_h is not None
                else {}
            ),
            **{key.replace(":", "_"): value for key, value in counts.items()},
        },
    )


@report_section(key="responses.effect", order=405)
def clarification_effect_section(context: ReportContext) -> ReportSection:
    """ "Hiệu quả làm rõ thông tin": how often each refuted claim came back per day before and
    after its clarification, per case and overall (method in plain words)."""
    cases = Case.objects.filter(
        published_at__date__gte=context.start, published_at__date__lte=context.end
    )
    if context.unit is not None:
        cases = cases.filter(responsible_unit=context.unit)
    effects = effect.cases_effect(cases.order_by("published_at", "pk"))
    section = ReportSection(key="responses.effect", title=_("Hiệu quả làm rõ thông tin"), order=405)
    if not effects:
        section.paragraphs.append(_("Trong kỳ, chưa có bản làm rõ nào được công bố."))
        return section
    overall = effect.rate_ratio_pooled([e.change for e in effects])
    section.paragraphs += [
        _(
            "Đối với %(n)d bản làm rõ công bố trong kỳ, tỷ số giữa số lần thông tin sai lệch "
            "xuất hiện lại mỗi ngày sau và trước khi công bố là %(ratio)s (khoảng tin cậy 95%%)."
        )
        % {"n": len(effects), "ratio": overall.label()},
        str(effect.EFFECT_METHOD),
    ]
    section.tables.append(
        ReportTable(
            _("Hiệu quả làm rõ thông tin theo vụ việc"),
            [
                _("Vụ việc"),
                _("Số lần trước / số ngày"),
                _("Số lần sau / số ngày"),
                _("Tỷ số sau/trước (khoảng tin cậy 95%)"),
            ],
            [
                [
                    f"#{e.case.pk} {e.case.claim}",
                    f"{e.change.before} / {e.change.before_days:.0f}",
                    f"{e.change.after} / {e.change.after_days:.0f}",
                    e.change.label(),
                ]
                for e in effects
            ],
        )
    )
    section.figures = {
        "clarifications": len(effects),
        "with_enough_data": sum(1 for e in effects if e.change.enough),
        "recurrences_before": overall.before,
        "recurrences_after": overall.after,
        **({"rate_ratio": overall.ratio} if overall.enough else {}),
    }
    return section


@report_section(key="responses.violations", order=410)
def violations_section(context: ReportContext) -> ReportSection:
    """III.2: violations in external-information activities and how they were handled."""
    violations = selectors.violations_in_period(context.start, context.end)
    if context.unit is not None:
        violations = violations.filter(handling_unit=context.unit)
    counts = selectors.violation_counts(violations)
    total = violations.count()
    decided = counts["state"][ViolationState.DECIDED] + counts["state"][ViolationState.CLOSED]
    section = ReportSection(
        key="responses.violations",
        title="Xử lý vi phạm trong hoạt động thông tin đối ngoại",
        order=410,
        figures={"violations": total, "decided": decided, **counts["kind"]},
    )
    if not total:
        section.paragraphs.append(
            _("Trong kỳ, không phát hiện vi phạm trong hoạt động thông tin đối ngoại.")
        )
        return section
    kinds = "; ".join(
        f"{ViolationKind(kind).label.lower()}: {n}" for kind, n in counts["kind"].items() if n
    )
    scope = {
        "detected_from": context.start.isoformat(),
        "detected_to": context.end.isoformat(),
        "handling_unit": context.unit.pk if context.unit else "",
    }
    section.paragraphs.append(
        cite(
            _("Trong kỳ, phát hiện "),
            Link(
                _("%(total)d vụ vi phạm") % {"total": total},
                panels.admin_list_url("responses", "violation", **scope),
            ),
            _(" trong hoạt động thông tin đối ngoại (%(kinds)s); đã có quyết định xử lý ")
            % {"kinds": kinds},
            Link(
                _("%(decided)d vụ") % {"decided": decided},
                panels.admin_list_url("responses", "violation", decided="true", **scope),
            ),
            _(", đang xử lý %(open)d vụ.") % {"open": total - decided},
        )
    )
    outcomes = [[ViolationOutcome(value).label, n] for value, n in counts["outcome"].items() if n]
    if outcomes:
        section.tables.append(
            ReportTable(
                title=_("Kết quả xử lý vi phạm"),
                header=[_("Hình thức xử lý"), _("Số vụ")],
                rows=outcomes,
            )
        )
    return section
