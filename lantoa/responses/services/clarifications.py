"""Creating the clarification page from a case."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantoa.core.text import clean_text, fold

from ..constants import CaseState, EventKind
from ..models import Case, ClarificationPage
from .cases import _record, case_draft
from .errors import CaseError, CaseTransitionError
from .pages import clarification_index_ensure


def _explanation_html(text: str) -> str:
    paragraphs = [p for p in clean_text(text).split("\n\n") if p]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


@transaction.atomic
def clarification_create_from_case(
    *, case: Case, user, title: str = "", explanation: str = ""
) -> ClarificationPage:
    """Draft the public page (not live) under "Làm rõ thông tin" from the case.

    A case still being verified moves to drafting. The page carries the case's claim and
    verdict; the explanation is written in the page editor (or given here as plain text).
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.clarification_id is not None:
        raise CaseError(_("Vụ việc này đã có trang làm rõ."))
    if case.state == CaseState.VERIFYING:
        case = case_draft(case=case, user=user)
    if case.state != CaseState.DRAFTING:
        raise CaseTransitionError(
            _("Chỉ soạn được bản làm rõ khi vụ việc đang xác minh hoặc đang soạn (hiện: %(s)s).")
            % {"s": case.get_state_display()}
        )
    index = clarification_index_ensure()
    title = clean_text(title or "", keep_paragraphs=False) or _("Làm rõ: %(claim)s") % {
        "claim": case.claim
    }
    base_slug = slugify(fold(title))[:60].strip("-") or "lam-ro"
    slug, counter = base_slug, 1
    while index.get_children().filter(slug=slug).exists():
        counter += 1
        slug = f"{base_slug}-{counter}"
    page = index.add_child(
        instance=ClarificationPage(
            title=title,
            slug=slug,
            case=case,
            claim=case.claim,
            verdict=case.verdict,
            explanation=_explanation_html(explanation) or "<p></p>",
            issued_on=timezone.localdate(),
            locale=index.locale,
            live=False,
            owner=user,
        )
    )
    page.save_revision(user=user, log_action=True)
    case.clarification = page
    case.save(update_fields=["clarification", "updated_at"])
    _record(case, EventKind.CLARIFICATION_CREATED, user=user, data={"page": page.pk})
    return page
