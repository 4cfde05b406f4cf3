"""The plan import screen: upload a DOCX/PDF/TXT, review what the importer read (header, citations,
outline, unrecognised lines, proposed tasks, required reports and inspection plans), accept or
reject each proposal, pick its units, and save it all in one transaction."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from lantoa.core.models import Unit
from lantoa.core.roles import PermissionRequiredMixin

from ..importer import PlanImportError, parse_plan
from ..services import (
    TaskDecision,
    directory_from_units,
    plan_import,
    plan_parse_file,
    plan_proposals_accept,
    plan_tasks_create,
)
from .base import AdminPage
from .forms import (
    ImportReviewForm,
    ImportUploadForm,
    proposal_forms,
)


class PlanImportView(PermissionRequiredMixin, AdminPage, FormView):
    """Upload → review the extracted structure (and correct the text) → save."""

    template_name = "plans/admin/import.html"
    page_title = gettext_lazy("Nhập kế hoạch từ tệp")
    header_icon = "doc-full"
    form_class = ImportUploadForm
    required_perm = "plans.add_plan"

    def post(self, request, *args, **kwargs):
        if "text" in request.POST:
            return self._review(request)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        try:
            text, parsed = plan_parse_file(data=upload.read(), filename=upload.name)
        except PlanImportError as exc:
            form.add_error("file", str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        review = ImportReviewForm(initial={"text": text, "filename": upload.name})
        return self.render_to_response(self.get_context_data(review=review, parsed=parsed))

    def _review(self, request):
        review = ImportReviewForm(request.POST)
        if not review.is_valid():
            return self.render_to_response(self.get_context_data(review=review))
        data = review.cleaned_data
        parsed = parse_plan(data["text"], directory_from_units())
        if "save" not in request.POST:
            return self.render_to_response(self.get_context_data(review=review, parsed=parsed))
        reviewed = "proposals" in request.POST  # the officer chose task by task
        forms = proposal_forms(parsed, request.POST) if reviewed else []
        if not all(form.is_valid() for form in forms):
            return self.render_to_response(
                self.get_context_data(review=review, parsed=parsed, proposals=forms)
            )
        decisions = [
            TaskDecision(
                path=form.proposal.path,
                title=form.cleaned_data["title"],
                lead=form.cleaned_data["lead"],
                coordinating=form.cleaned_data["coordinating"],
                deadline_kind=form.cleaned_data["deadline_kind"],
                due_date=form.cleaned_data["due_date"],
                text=form.proposal.text,
                kind=form.cleaned_data["kind"],
                recipient=form.proposal.recipient,
            )
            for form in forms
            if form.cleaned_data["accept"]
        ]
        try:
            with transaction.atomic():
                plan = plan_import(
                    parsed=parsed,
                    source_text=data["text"],
                    source_filename=data["filename"],
                    user=request.user,
                )
                tasks = []
                if reviewed:
                    tasks = plan_proposals_accept(
                        plan=plan,
                        decisions=decisions,
                        start_date=data["start_date"] or timezone.localdate(),
                        default_due=data["due_date"]
                        or timezone.localdate().replace(month=12, day=31),
                        user=request.user,
                    )
                elif data["create_tasks"]:
                    tasks = plan_tasks_create(
                        plan=plan,
                        start_date=data["start_date"],
                        due_date=data["due_date"],
                        user=request.user,
                    )
        except (PlanImportError, ValidationError) as exc:
            review.add_error(None, exc.messages[0] if hasattr(exc, "messages") else str(exc))
            return self.render_to_response(
                self.get_context_data(review=review, parsed=parsed, proposals=forms or None)
            )
        messages.success(
            request,
            _("Đã nhập kế hoạch %(code)s và tạo %(n)s mục theo dõi (nhiệm vụ, báo cáo, kiểm tra).")
            % {"code": plan.code, "n": len(tasks)},
        )
        return redirect("plans_admin:plan_outline", plan.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parsed = kwargs.get("parsed")
        if parsed is not None:
            names = dict(Unit.objects.values_list("code", "name"))
            context["assignments"] = [
                {
                    "spec": spec,
                    "lead": names.get(spec.lead_unit or "", ""),
                    "coordinating": [names.get(code, code) for code in spec.coordinating_units],
                }
                for spec in parsed.assignments
            ]
            context["chain"] = [
                ref.code for ref in parsed.directives if ref.relation != "basis"
            ] + [parsed.header.code]
            context["bases"] = [ref.code for ref in parsed.directives if ref.relation == "basis"]
            proposals = kwargs.get("proposals")
            context["proposals"] = proposals if proposals else proposal_forms(parsed)
        return context
