"""The lists on the plans screens (the unit's page, the plan outline, dissemination coverage),
built from Wagtail's table columns as the ViewSet listings are, not from hand-written <table>s.

Rows and cells carry data attributes (`data-task`, `data-bucket`, …) that tests and the browser
read; they say what a cell holds, not how it looks.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, Table, TitleColumn

from ..constants import TaskState


def day(value) -> str:
    """A date as the office writes it (15/06/2026), "—" when there is none."""
    return f"{value:%d/%m/%Y}" if value else "—"


class AttributedTable(Table):
    """A Wagtail table whose rows carry attributes computed from their object."""

    def __init__(self, columns, data, *, row_attrs=None, **kwargs):
        super().__init__(columns, data, **kwargs)
        self.row_attrs = row_attrs

    def get_row_attrs(self, instance):
        attrs = super().get_row_attrs(instance)
        if self.row_attrs is not None:
            attrs.update(self.row_attrs(instance))
        return attrs


class AttributedColumn(Column):
    """A column whose cells carry `data-<data_name>` set to `data_accessor(object)`."""

    cell_template_name = "plans/admin/tables/attributed_cell.html"

    def __init__(self, name, *, data_name: str, data_accessor, **kwargs):
        super().__init__(name, **kwargs)
        self.data_name = data_name
        self.data_accessor = data_accessor

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["cell_attrs"] = {f"data-{self.data_name}": self.data_accessor(instance)}
        return context


class LinkColumn(TitleColumn):
    """A link with a fixed text; an empty cell where `get_url` gives no URL."""

    empty_value_display = ""

    def __init__(self, name, *, text, get_url, **kwargs):
        super().__init__(name, get_url=get_url, accessor=lambda obj: text, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if not context["link_url"]:
            context["value"] = ""
        return context


def _is_open(task) -> bool:
    return task.state not in (TaskState.COMPLETED, TaskState.CANCELLED)


def unit_tasks_table(tasks, unit) -> Table:
    """The unit's tasks: its role in each, the next deadline, state, status bucket, a link to
    report on the open ones."""
    return AttributedTable(
        [
            Column("title", label=_("Nhiệm vụ")),
            Column(
                "role",
                label=_("Vai trò"),
                accessor=lambda task: (
                    _("Chủ trì") if task.lead_unit_id == unit.pk else _("Phối hợp")
                ),
            ),
            Column("open_due", label=_("Hạn gần nhất"), accessor=lambda task: day(task.open_due)),
            Column("state", label=_("Trạng thái"), accessor="get_state_display"),
            AttributedColumn(
                "bucket",
                label=_("Tình trạng thực hiện"),
                accessor="bucket_label",
                data_name="bucket",
                data_accessor=lambda task: task.bucket,
            ),
            LinkColumn(
                "report",
                label="",
                text=_("Báo cáo"),
                get_url=lambda task: (
                    f"{reverse('plans_admin:report_submit')}?task={task.pk}"
                    if _is_open(task)
                    else None
                ),
            ),
        ],
        tasks,
        attrs={"data-tasks": True},
        row_attrs=lambda task: {"data-task": task.pk},
    )


def reports_to_review_table(reports) -> Table:
    """Reports other units sent on the tasks this unit leads, waiting for its review."""
    return Table(
        [
            Column("task", label=_("Nhiệm vụ")),
            Column("unit", label=_("Đơn vị báo cáo")),
            Column(
                "submitted_on",
                label=_("Ngày gửi"),
                accessor=lambda report: day(report.submitted_on),
            ),
            LinkColumn(
                "review",
                label="",
                text=_("Xem xét"),
                get_url=lambda report: reverse("plans_admin:report_review", args=[report.pk]),
            ),
        ],
        reports,
        attrs={"data-to-review": True},
    )


def sent_reports_table(reports) -> Table:
    """The unit's own reports, their state and the lead unit's note."""
    return Table(
        [
            Column("task", label=_("Nhiệm vụ")),
            Column("period", label=_("Kỳ"), accessor="period.label"),
            Column(
                "submitted_on",
                label=_("Ngày gửi"),
                accessor=lambda report: day(report.submitted_on),
            ),
            AttributedColumn(
                "state",
                label=_("Trạng thái"),
                accessor="get_state_display",
                data_name="report-state",
                data_accessor=lambda report: report.state,
            ),
            Column("review_note", label=_("Ý kiến")),
        ],
        reports,
        attrs={"data-reports": True},
    )


def assignments_table(assignments) -> Table:
    """Section IV of a plan: which unit leads and which coordinate each assignment."""
    return Table(
        [
            Column("section", label=_("Mục"), accessor="section.path"),
            Column(
                "lead_unit",
                label=_("Chủ trì"),
                accessor=lambda assignment: assignment.lead_unit or "—",
            ),
            Column(
                "coordinating_units",
                label=_("Phối hợp"),
                accessor=lambda assignment: " ".join(
                    part
                    for part in (
                        ", ".join(str(unit) for unit in assignment.coordinating_units.all()),
                        assignment.unmatched_names,
                    )
                    if part
                ),
            ),
        ],
        assignments,
        attrs={"data-assignments": True},
    )


def plan_tasks_table(tasks) -> Table:
    """A plan's tasks (those the user may see), their lead unit, deadline kind and status."""
    return AttributedTable(
        [
            Column("title", label=_("Nhiệm vụ")),
            Column("lead_unit", label=_("Chủ trì")),
            Column("deadline_kind", label=_("Loại thời hạn"), accessor="get_deadline_kind_display"),
            Column("bucket", label=_("Tình trạng"), accessor="bucket_label"),
        ],
        tasks,
        attrs={"data-plan-tasks": True},
        row_attrs=lambda task: {"data-task": task.pk},
    )


def coverage_table(rows) -> Table:
    """Per organisation expected to disseminate a directive: sessions, attendance, last date."""
    return AttributedTable(
        [
            Column("unit", label=_("Tổ chức")),
            Column("sessions", label=_("Số buổi")),
            Column("attended", label=_("Số người dự")),
            Column(
                "last_held",
                label=_("Lần gần nhất"),
                accessor=lambda row: day(row.last_held) if row.last_held else _("Chưa quán triệt"),
            ),
        ],
        rows,
        attrs={"data-coverage": True},
        row_attrs=lambda row: {
            "data-unit": row.unit.code,
            "data-covered": "1" if row.covered else "0",
        },
    )
