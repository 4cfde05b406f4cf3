"""Core's custom admin screens: the first-run setup page ("Thiết lập ban đầu") for an
administrator, and the XLSX templates it offers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..office_setup import RowsRefused, setup_steps
from .setup_steps import TEMPLATES


def _require_administrator(request) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied


def office_setup_view(request):
    """Every step on one page; a POST runs the one step it names and shows its result there."""
    _require_administrator(request)
    steps = setup_steps()
    posted = request.POST.get("step") if request.method == "POST" else None
    sections = []
    for number, step in enumerate(steps, start=1):
        section = {"step": step, "number": number, "problems": [], "outcome": None}
        if step.key == posted:
            form = step.form(request, request.POST, request.FILES)
            if form.is_valid():
                try:
                    section["outcome"] = step.handle(request, form)
                except RowsRefused as refused:
                    section["problems"] = refused.problems
                except (ValueError, ValidationError) as exc:
                    messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                    section["problems"] = messages
            if section["outcome"] is not None:
                form = step.form(request)  # a fresh form after success
        else:
            form = step.form(request)
        section["form"] = form
        sections.append(section)
    return TemplateResponse(
        request,
        "core/setup.html",
        {"title": _("Thiết lập ban đầu"), "sections": sections, "posted": posted},
    )


def office_setup_template(request, name: str):
    """Download an empty XLSX template (units, staff) to fill in and import on the page."""
    _require_administrator(request)
    template = TEMPLATES.get(name)
    if template is None:
        raise Http404
    response = HttpResponse(
        template.workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{template.filename}"'
    return response
