"""The plans app's sections of the annual report: dissemination, and task implementation.

Every figure comes from the selectors; the section titles are those of a Party report.
"""

from django.utils import timezone

from lantoa.core import panels
from lantoa.core.reporting import (
    Cited,
    Link,
    ReportContext,
    ReportSection,
    ReportTable,
    plan_item_evidence,
    report_section,
)

from .constants import Audience, Bucket, FindingKind, RequiredReportStatus
from .models import Directive
from .selectors import (
    EVIDENCE_KINDS,
    bucket_counts,
    completed_in_period,
    dissemination_by_audience,
    dissemination_coverage,
    dissemination_sessions_in_period,
    evidence_sentence,
    inspection_summary,
    main_contributors,
    plan_tasks_in_period,
    report_figures,
    required_report_status,
    required_reports_in_year,
    task_evidence,
    tasks_with_buckets,
)


def _directives(context: ReportContext) -> list[Directive]:
    return context.plan.directive.chain() if context.plan is not None else []


def _scope(context: ReportContext) -> str:
    """These sections count only the reported plan's records (every plan's without one)."""
    return "plan" if context.plan is not None else "ward"


def _as_of(context: ReportContext):
    return min(context.end, timezone.localdate())


@report_section(key="plans.dissemination", order=10)
def dissemination(context: ReportContext) -> ReportSection:
    directives = _directives(context)
    sessions = dissemination_sessions_in_period(
        plan=context.plan, start=context.start, end=context.end, unit=context.unit
    )
    count = sessions.count()
    attended = sum(sessions.values_list("attended", flat=True))
    organisations = sessions.values("organisation").distinct().count()
    section = ReportSection(
        key="plans.dissemination",
        title="Công tác quán triệt, tuyên truyền",
        order=10,
        figures={"sessions": count, "attended": attended, "organisations": organisations},
        scope=_scope(context),
    )
    section.paragraphs.append(
        f"Trong năm {context.year}, {organisations} tổ chức đã tổ chức {count} buổi quán triệt, "
        f"tuyên truyền với tổng số {attended} lượt người tham dự."
    )
    audience = {}
    for directive in directives or [None]:
        for key, row in dissemination_by_audience(
            directive=directive, start=context.start, end=context.end
        ).items():
            total = audience.setdefault(key, {"sessions": 0, "attended": 0})
            total["sessions"] += row["sessions"]
            total["attended"] += row["attended"]
    if audience:
        parts = [
            f"{Audience(key).label.lower()}: {row['attended']} lượt"
            for key, row in sorted(audience.items())
        ]
        section.paragraphs.append("Theo đối tượng: " + "; ".join(parts) + ".")
    by_org = {}
    for name, people in sessions.values_list("organisation__name", "attended"):
        row = by_org.setdefault(name, [0, 0])
        row[0] += 1
        row[1] += people
    section.tables.append(
        ReportTable(
            title="Kết quả quán triệt, tuyên truyền theo tổ chức",
            header=["STT", "Tổ chức", "Số buổi", "Số lượt người dự"],
            rows=[
                [i, name, n, people]
                for i, (name, (n, people)) in enumerate(sorted(by_org.items()), 1)
            ],
        )
    )
    if context.plan is not None:
        missing = [
            row.unit.name
            for row in dissemination_coverage(
                context.plan.directive, start=context.start, end=context.end
            )
            if not row.covered
        ]
        section.figures["organisations_missing"] = len(missing)
        if missing:
            section.paragraphs.append(
                f"Còn {len(missing)} tổ chức chưa tổ chức quán triệt: {', '.join(missing)}."
            )
    return section


def _task_list(context: ReportContext, **params) -> str:
    """The admin task list filtered as the report counts (plan, lead unit, and `params`)."""
    return panels.admin_list_url(
        "plans",
        "task",
        plan=context.plan.pk if context.plan is not None else None,
        lead_unit=context.unit.pk if context.unit is not None else None,
        **params,
    )


def _change_since_last_year(context: ReportContext, queryset) -> str:
    """Tasks completed this year against the year before, with the lead units that completed
    most of this year's."""
    done = completed_in_period(queryset, start=context.start, end=context.end)
    last_start = context.start.replace(year=context.start.year - 1)
    last_end = context.end.replace(year=context.end.year - 1)
    done_before = completed_in_period(queryset, start=last_start, end=last_end).count()
    diff = done.count() - done_before
    change = "không đổi" if diff == 0 else (f"tăng {diff}" if diff > 0 else f"giảm {-diff}")
    text = (
        f"So với năm {context.year - 1}: {done.count()} nhiệm vụ hoàn thành trong năm "
        f"({done_before} năm {context.year - 1}, {change})"
    )
    contributors = main_contributors(done)
    if contributors:
        names = ", ".join(f"{name} ({n})" for name, n in contributors)
        text += f"; đóng góp chính: {names}"
    return text + "."


@report_section(key="plans.tasks", order=20)
def tasks(context: ReportContext) -> ReportSection:
    as_of = _as_of(context)
    queryset = plan_tasks_in_period(context.plan, start=context.start, end=context.end)
    if context.unit is not None:
        queryset = queryset.filter(lead_unit=context.unit)
    counts = bucket_counts(queryset, as_of=as_of)
    counted = {key: value for key, value in counts.items() if key != Bucket.CANCELLED}
    total = sum(counted.values())
    figures = report_figures(queryset, start=context.start, end=context.end)
    section = ReportSection(
        key="plans.tasks",
        title="Kết quả thực hiện các nhiệm vụ",
        order=20,
        figures={"tasks": total, **counted, **{f"reported_{k}": v for k, v in figures.items()}},
        scope=_scope(context),
    )
    # Each figure of the sentence links to the task list it counts (filtered the same way).
    pieces = [(f"Tổng số nhiệm vụ: {total}", None)] + [
        (f"{label}: {counts[bucket]}", bucket)
        for label, bucket in (
            ("hoàn thành đúng hạn", Bucket.COMPLETED_ON_TIME),
            ("hoàn thành quá hạn", Bucket.COMPLETED_LATE),
            ("đang thực hiện trong hạn", Bucket.OPEN_WITHIN),
            ("chưa hoàn thành, quá hạn", Bucket.OPEN_OVERDUE),
        )
    ]
    section.paragraphs.append(
        Cited(
            "; ".join(text for text, _bucket in pieces) + ".",
            [
                # Buckets as of the report's day (year end, or today), as counted here.
                Link(text, _task_list(context, bucket=bucket, as_of=as_of.isoformat()))
                for text, bucket in pieces
            ],
        )
    )
    section.paragraphs.append(_change_since_last_year(context, queryset))
    section.paragraphs.append(
        f"Các đơn vị đã gửi {figures['reports']} báo cáo được chấp nhận, ghi nhận "
        f"{figures['sessions']} buổi, hội nghị với {figures['attendees']} lượt người tham dự và "
        f"{figures['articles']} tin, bài được đăng tải."
    )
    required = list(
        required_reports_in_year(year=context.year, plan=context.plan, unit=context.unit)
    )
    if required:
        status = {report.pk: required_report_status(report, as_of=as_of) for report in required}
        received = [r for r in required if r.received_on]
        missing = [r for r in required if status[r.pk] == RequiredReportStatus.MISSING]
        on_time = sum(1 for r in received if status[r.pk] == RequiredReportStatus.RECEIVED_ON_TIME)
        section.figures.update(
            required_reports=len(required),
            required_received=len(received),
            required_missing=len(missing),
        )
        sentence = (
            f"Báo cáo định kỳ bắt buộc năm {context.year}: {len(required)} báo cáo, đã nhận "
            f"{len(received)} ({on_time} đúng hạn), quá hạn chưa nhận {len(missing)}"
        )
        if missing:
            names = "; ".join(f"{r.title} của {r.reporting_unit.name}" for r in missing)
            sentence += f" ({names})"
        section.paragraphs.append(sentence + ".")
    rows = []
    annotated = tasks_with_buckets(queryset.select_related("lead_unit"), as_of=as_of).exclude(
        bucket=Bucket.CANCELLED
    )
    evidence = task_evidence(queryset, start=context.start, end=context.end)
    by_item: dict[str, dict] = {}
    item_ids: dict[str, int] = {}
    for index, task in enumerate(annotated.select_related("source_section").order_by("pk"), 1):
        item = task.source_section.path if task.source_section_id else ""
        if item:
            item_ids[item] = task.source_section_id
        rows.append(
            [
                index,
                task.title,
                task.lead_unit.name,
                task.bucket_label(),
                item,
                evidence_sentence(evidence[task.pk]),
            ]
        )
        if item:
            total_item = by_item.setdefault(item, {"tasks": 0, **dict.fromkeys(EVIDENCE_KINDS, 0)})
            total_item["tasks"] += 1
            for kind in EVIDENCE_KINDS:
                if kind == "inspections":  # per plan item, not per task
                    total_item[kind] = evidence[task.pk][kind]
                else:
                    total_item[kind] += evidence[task.pk][kind]
    section.tables.append(
        ReportTable(
            title="Tình hình thực hiện nhiệm vụ",
            header=["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Tình trạng", "Mục", "Căn cứ"],
            rows=rows,
        )
    )
    # Records of the other apps tagged to a plan item (trainings, campaigns …) are cited too.
    if context.plan is not None:
        items = dict(context.plan.sections.values_list("pk", "path"))
        item_ids.update({path: pk for pk, path in items.items()})
        others = plan_item_evidence(section_ids=list(items), start=context.start, end=context.end)
        for section_id, rows in others.items():
            totals = by_item.setdefault(
                items[section_id], {"tasks": 0, **dict.fromkeys(EVIDENCE_KINDS, 0)}
            )
            totals["others"] = "; ".join(f"{row.count} {row.label}" for row in rows)
            totals["rows"] = rows
    for item, totals in sorted(by_item.items()):
        cited = evidence_sentence(totals)
        if totals.get("others"):
            cited = (
                totals["others"] if cited == "chưa có căn cứ" else f"{cited}; {totals['others']}"
            )
        # The item's tasks and each other app's records link to the admin list they are in.
        links = [
            Link(f"{totals['tasks']} nhiệm vụ", _task_list(context, source_section=section_id))
            for section_id in [item_ids.get(item)]
            if section_id and totals["tasks"]
        ]
        links += [Link(f"{row.count} {row.label}", row.url) for row in totals.get("rows", [])]
        section.paragraphs.append(
            Cited(f"Mục {item} của kế hoạch: {totals['tasks']} nhiệm vụ; căn cứ: {cited}.", links)
        )
    return section


@report_section(key="plans.inspections", order=30)
def inspections(context: ReportContext) -> ReportSection | None:
    """IV.3: inspection, supervision and urging, with the follow-up of the recommendations."""
    summary = inspection_summary(
        plan=context.plan, start=context.start, end=context.end, unit=context.unit
    )
    findings = summary["findings"]
    section = ReportSection(
        key="plans.inspections",
        title="Công tác kiểm tra, giám sát, đôn đốc",
        order=30,
        figures={
            "visits": summary["visits"],
            "units": summary["units"],
            "findings_shortcoming": findings[FindingKind.SHORTCOMING],
            "findings_violation": findings[FindingKind.VIOLATION],
            "recommendations": summary["recommendations"],
            "recommendations_done": summary["done"],
            "recommendations_overdue": summary["overdue"],
        },
        scope=_scope(context),
    )
    if not summary["visits"]:
        section.paragraphs.append(
            f"Trong năm {context.year}, chưa tiến hành cuộc kiểm tra, giám sát nào."
        )
        return section
    section.paragraphs.append(
        f"Trong năm {context.year}, đã tiến hành {summary['visits']} cuộc kiểm tra, giám sát "
        f"tại {summary['units']} đơn vị; phát hiện {findings[FindingKind.SHORTCOMING]} hạn chế, "
        f"thiếu sót và {findings[FindingKind.VIOLATION]} vi phạm; đưa ra "
        f"{summary['recommendations']} kiến nghị, trong đó {summary['done']} kiến nghị đã được "
        f"khắc phục xong, {summary['overdue']} kiến nghị quá hạn chưa khắc phục."
    )
    section.tables.append(
        ReportTable(
            title="Các cuộc kiểm tra, giám sát",
            header=["STT", "Ngày", "Đơn vị được kiểm tra", "Kế hoạch", "Kết quả", "Kiến nghị"],
            rows=[
                [
                    index,
                    f"{visit.held_on:%d/%m/%Y}",
                    visit.unit.name,
                    visit.inspection.title,
                    visit.n_findings,
                    visit.n_recommendations,
                ]
                for index, visit in enumerate(summary["visit_rows"], 1)
            ],
        )
    )
    return section
