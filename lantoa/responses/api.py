"""REST API of cases: list, open, read, and act (`/cases/{id}/actions/{action}`).

Errors answer with `{"detail": "<Vietnamese sentence>"}`: 400 for bad input, 403 when the role does
not allow the action, 404 for a case outside the user's unit, 409 when the action does not fit the
case's current state (for example publishing before a leader's approval).
"""

from datetime import date, datetime
from functools import wraps
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from lantoa.core.api import ERRORS as CORE_ERRORS
from lantoa.core.api import NO_NUL, ErrorOut, UtcDatetime, require_perm
from lantoa.core.models import Unit, User
from lantoa.core.validators import OptionalWebUrl, WebUrl
from lantoa.monitoring.models import Item

from . import selectors, services
from .constants import CLAIM_RECOMMENDED_LENGTH, CaseAction
from .models import Case
from .services import AppearanceSpec, CaseError
from .services.errors import CaseNotFound

router = Router(tags=["responses"])

EXTRA_ACTIONS = ("set_verdict",)


class AppearanceSchema(Schema):
    url: WebUrl
    appeared_at: UtcDatetime
    outlet: str = ""


class EvidenceSchema(Schema):
    kind: str
    title: str
    source: str
    date: date
    url: OptionalWebUrl = ""
    excerpt: str = ""
    is_public: bool = True


class ChannelSchema(Schema):
    kind: str
    date: date
    url: OptionalWebUrl = ""
    note: str = ""


class AppearanceOut(Schema):
    url: str
    appeared_at: datetime
    outlet: str


class EvidenceOut(Schema):
    kind: str
    title: str
    source: str
    date: date
    url: str
    excerpt: str
    is_public: bool


class ChannelOut(Schema):
    kind: str
    date: date
    url: str
    note: str


class EventOut(Schema):
    kind: str
    from_state: str
    to_state: str
    user: str | None
    at: datetime
    note: str


class CaseOut(Schema):
    id: int
    claim: str
    state: str
    state_label: str
    verdict: str
    severity: str
    topics: list[str]
    responsible_user: str | None
    responsible_unit: str | None
    detected_at: datetime
    due_at: datetime
    overdue: bool
    first_action_at: datetime | None
    published_at: datetime | None
    published_on_time: bool | None
    clarification_url: str | None
    warnings: list[str]


class CaseDetailOut(CaseOut):
    description: str
    notes: str
    item_ids: list[int]
    appearances: list[AppearanceOut]
    evidence: list[EvidenceOut]
    channels: list[ChannelOut]
    events: list[EventOut]


# A database id: larger numbers overflow the SQL integer (a 500 found by schemathesis).
ItemId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class CaseIn(Schema):
    claim: str
    severity: str = "medium"
    item_ids: list[ItemId] = []
    appearances: list[AppearanceSchema] = []
    description: str = ""
    topics: list[str] = []
    responsible_user: str | None = None  # username
    responsible_unit: str | None = None  # unit code
    notes: str = ""
    detected_at: datetime | None = None


class ActionIn(Schema):
    note: str = ""
    verdict: str | None = None


def _warnings(case: Case) -> list[str]:
    if len(case.claim) > CLAIM_RECOMMENDED_LENGTH:
        return [
            _("Nội dung thông tin dài %(n)d ký tự; nên rút gọn còn không quá %(max)d ký tự.")
            % {"n": len(case.claim), "max": CLAIM_RECOMMENDED_LENGTH}
        ]
    return []


def _case_out(case: Case, request) -> dict:
    page = case.clarification
    return {
        "id": case.pk,
        "claim": case.claim,
        "state": case.state,
        "state_label": case.get_state_display(),
        "verdict": case.verdict,
        "severity": case.severity,
        "topics": sorted(tag.name for tag in case.topics.all()),
        "responsible_user": case.responsible_user.username if case.responsible_user else None,
        "responsible_unit": case.responsible_unit.code if case.responsible_unit else None,
        "detected_at": case.detected_at,
        "due_at": case.due_at,
        "overdue": case.is_overdue(),
        "first_action_at": case.first_action_at,
        "published_at": case.published_at,
        "published_on_time": case.published_on_time,
        "clarification_url": page.get_full_url(request) if page and page.live else None,
        "warnings": _warnings(case),
    }


def _case_detail(case: Case, request) -> dict:
    return {
        **_case_out(case, request),
        "description": case.description,
        "notes": case.notes,
        "item_ids": list(case.items.values_list("pk", flat=True)),
        "appearances": list(case.appearances.values("url", "appeared_at", "outlet")),
        "evidence": list(
            case.evidence.values("kind", "title", "source", "date", "url", "excerpt", "is_public")
        ),
        "channels": list(case.channels.values("kind", "date", "url", "note")),
        "events": [
            {
                "kind": e.kind,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "user": e.user.username if e.user else None,
                "at": e.at,
                "note": e.note,
            }
            for e in selectors.case_timeline(case)
        ],
    }


def _refusing(view):
    """Turn a service's CaseError into its HTTP status with the Vietnamese message."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except CaseError as exc:
            return exc.status, {"detail": exc.message}

    return wrapper


def _case(request, case_id: int) -> Case:
    case = selectors.cases_visible_to(request.user).filter(pk=case_id).first()
    if case is None:
        raise CaseNotFound(_("Không tìm thấy vụ việc số %(id)s.") % {"id": case_id})
    return case


ERRORS = {**CORE_ERRORS, 409: ErrorOut}


@router.get("/cases", response={200: list[CaseOut]})
def cases_list(
    request,
    state: str | None = Query(None, pattern=NO_NUL),
    severity: str | None = Query(None, pattern=NO_NUL),
    verdict: str | None = Query(None, pattern=NO_NUL),
    overdue: bool | None = None,
    q: str | None = Query(None, pattern=NO_NUL),
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    """Cases the user may see, soonest due first; filter by state, severity, verdict, overdue."""
    cases = (
        selectors.cases_visible_to(request.user)
        .select_related("responsible_user", "responsible_unit", "clarification")
        .prefetch_related("topics")
    )
    if state:
        cases = cases.filter(state=state)
    if severity:
        cases = cases.filter(severity=severity)
    if verdict:
        cases = cases.filter(verdict=verdict)
    if overdue is not None:
        overdue_ids = selectors.cases_overdue().values("pk")
        cases = cases.filter(pk__in=overdue_ids) if overdue else cases.exclude(pk__in=overdue_ids)
    if q:
        cases = selectors.cases_search(cases, q)
    return [_case_out(case, request) for case in cases[offset : offset + limit]]


@router.post("/cases", response={201: CaseDetailOut, **ERRORS})
@_refusing
def cases_create(request, payload: CaseIn):
    """Open a case from monitored items (`item_ids`), appearance URLs or a description."""
    require_perm(request, "responses.add_case", _("Bạn không có quyền mở vụ việc."))
    items = list(Item.objects.filter(pk__in=payload.item_ids).select_related("source"))
    if len(items) != len(set(payload.item_ids)):
        raise CaseError(_("Có mã tin không tồn tại trong danh sách tin theo dõi."))
    responsible_user = responsible_unit = None
    if payload.responsible_user:
        responsible_user = User.objects.filter(username=payload.responsible_user).first()
        if responsible_user is None:
            raise CaseError(_("Không có người dùng «%(u)s».") % {"u": payload.responsible_user})
    if payload.responsible_unit:
        responsible_unit = Unit.objects.filter(code=payload.responsible_unit).first()
        if responsible_unit is None:
            raise CaseError(_("Không có đơn vị mã «%(u)s».") % {"u": payload.responsible_unit})
    case = services.case_open(
        claim=payload.claim,
        user=request.user,
        severity=payload.severity,
        items=items,
        appearances=[AppearanceSpec(a.url, a.appeared_at, a.outlet) for a in payload.appearances],
        description=payload.description,
        topics=payload.topics,
        responsible_user=responsible_user,
        responsible_unit=responsible_unit,
        notes=payload.notes,
        detected_at=payload.detected_at,
    )
    return 201, _case_detail(case, request)


@router.get("/cases/{case_id}", response={200: CaseDetailOut, 404: ErrorOut})
@_refusing
def cases_detail(request, case_id: int):
    """One case with its appearances, evidence, response channels and timeline."""
    return _case_detail(_case(request, case_id), request)


@router.post("/cases/{case_id}/evidence", response={201: CaseDetailOut, **ERRORS})
@_refusing
def cases_add_evidence(request, case_id: int, payload: EvidenceSchema):
    """Attach a link or an agency statement (documents are uploaded in the admin)."""
    require_perm(request, "responses.change_case", _("Bạn không có quyền sửa vụ việc."))
    case = _case(request, case_id)
    services.evidence_add(case=case, user=request.user, **payload.dict())
    return 201, _case_detail(case, request)


@router.post("/cases/{case_id}/channels", response={201: CaseDetailOut, **ERRORS})
@_refusing
def cases_add_channel(request, case_id: int, payload: ChannelSchema):
    """Record a response channel (press conference, own site, correction request, statement)."""
    require_perm(request, "responses.change_case", _("Bạn không có quyền sửa vụ việc."))
    case = _case(request, case_id)
    services.channel_add(case=case, user=request.user, **payload.dict())
    return 201, _case_detail(case, request)


@router.post("/cases/{case_id}/actions/{action}", response={200: CaseDetailOut, **ERRORS})
@_refusing
def cases_act(request, case_id: int, action: str, payload: ActionIn):
    """Move the case: `start_verification`, `draft`, `submit_for_approval`, `return_to_drafting`,
    `approve` (leaders), `publish`, `close`, `mark_not_applicable` (note), `pause` (note),
    `correct` (note, optional verdict), or `set_verdict` (verdict; before submission only)."""
    require_perm(request, "responses.act_on_case", _("Bạn không có quyền xử lý vụ việc."))
    case = _case(request, case_id)
    if action == "set_verdict":
        if not payload.verdict:
            raise CaseError(_("Hãy chọn kết luận."))
        services.case_set_verdict(
            case=case, user=request.user, verdict=payload.verdict, note=payload.note
        )
    elif action in CaseAction.values:
        services.case_act(
            case=case, action=action, user=request.user, note=payload.note, verdict=payload.verdict
        )
    else:
        raise CaseError(
            _("Không có thao tác «%(a)s». Các thao tác: %(all)s.")
            % {"a": action, "all": ", ".join([*CaseAction.values, *EXTRA_ACTIONS])}
        )
    case.refresh_from_db()
    return _case_detail(case, request)
