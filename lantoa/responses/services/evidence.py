"""What a case holds besides its state: evidence (documents, links, screenshots), the places the
claim appeared, the channels the clarification went out on."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from lantoa.core.constants import Role
from lantoa.core.text import clean_text
from lantoa.core.uploads import DOCUMENT, upload_check
from lantoa.core.validators import is_web_url, web_url_message

from ..constants import (
    EDITABLE_STATES,
    ChannelKind,
    EventKind,
    EvidenceKind,
)
from ..models import Appearance, Case, Evidence, ResponseChannel
from .errors import CaseError, CaseTransitionError
from .events import case_event_record


@dataclass(frozen=True)
class AppearanceSpec:
    url: str
    appeared_at: datetime
    outlet: str = ""


def link_check(url: str) -> None:
    """A link stored on a case is shown to readers: http(s) only (core.validators)."""
    if url and not is_web_url(url):
        raise CaseError(web_url_message())


PRIVATE_EVIDENCE_COLLECTION = "Bằng chứng nội bộ (xử lý thông tin sai)"
STAFF_ROLES_FOR_EVIDENCE = (Role.LEADER, Role.MONITOR, Role.RAPID_RESPONSE)


def evidence_collection(*, public: bool) -> Collection:
    """Where an evidence document lives: the root collection if public, else a child collection
    restricted to the office roles that handle cases (created on first use)."""
    root = Collection.get_first_root_node()
    if public:
        return root
    collection = root.get_children().filter(name=PRIVATE_EVIDENCE_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PRIVATE_EVIDENCE_COLLECTION)
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=STAFF_ROLES_FOR_EVIDENCE))
    return collection


@transaction.atomic
def evidence_add(
    *,
    case: Case,
    user,
    kind: str,
    title: str,
    source: str,
    date: date,
    url: str = "",
    document=None,
    upload=None,
    excerpt: str = "",
    is_public: bool = True,
) -> Evidence:
    """Attach a document, link or agency statement (each with its source and date).

    An `upload` (a file) becomes a Wagtail document once the rest is valid: in the root
    collection when the evidence is public (the clarification page links it), else in the
    staff-only evidence collection, so its /documents/ URL serves nobody outside the office."""
    if kind not in EvidenceKind.values:
        raise CaseError(_("Loại bằng chứng «%(value)s» không hợp lệ.") % {"value": kind})
    title = clean_text(title, keep_paragraphs=False)
    source = clean_text(source, keep_paragraphs=False)
    if not title or not source:
        raise CaseError(_("Bằng chứng cần có tiêu đề và nguồn (cơ quan, đơn vị cung cấp)."))
    if kind == EvidenceKind.LINK and not url:
        raise CaseError(_("Bằng chứng loại đường dẫn cần có địa chỉ URL."))
    if kind == EvidenceKind.DOCUMENT and not (document or upload or url):
        raise CaseError(_("Bằng chứng loại văn bản cần một tài liệu tải lên hoặc đường dẫn."))
    link_check(url)
    if date > timezone.localdate():
        raise CaseError(_("Ngày của bằng chứng không thể ở tương lai."))
    if case.state not in EDITABLE_STATES and is_public:
        raise CaseTransitionError(
            _("Bản làm rõ đã trình duyệt hoặc công bố: không thêm bằng chứng công khai được nữa.")
        )
    if upload is not None:
        try:
            upload_check(upload, policy=DOCUMENT)
        except ValidationError as refusal:
            raise CaseError(" ".join(refusal.messages)) from refusal
        document = get_document_model().objects.create(
            title=title,
            file=upload,
            collection=evidence_collection(public=is_public),
            uploaded_by_user=user,
        )
    evidence = Evidence.objects.create(
        case=case,
        kind=kind,
        title=title,
        source=source,
        date=date,
        url=url,
        document=document,
        excerpt=clean_text(excerpt),
        is_public=is_public,
    )
    case_event_record(
        case, EventKind.EVIDENCE_ADDED, user=user, note=title, data={"evidence": evidence.pk}
    )
    return evidence


@transaction.atomic
def appearance_add(
    *, case: Case, user, url: str, appeared_at: datetime, outlet: str = "", item=None
) -> Appearance:
    if case.state not in EDITABLE_STATES:
        raise CaseTransitionError(
            _("Bản làm rõ đã trình duyệt hoặc công bố: không thêm nơi xuất hiện được nữa.")
        )
    if not url:
        raise CaseError(web_url_message())
    link_check(url)
    appearance = Appearance.objects.create(
        case=case, url=url, appeared_at=appeared_at, outlet=outlet, item=item
    )
    case_event_record(case, EventKind.APPEARANCE_ADDED, user=user, note=url)
    return appearance


@transaction.atomic
def channel_add(
    *, case: Case, user, kind: str, date: date, url: str = "", note: str = ""
) -> ResponseChannel:
    """Record how the office answered (press conference, own site, correction request …)."""
    if kind not in ChannelKind.values:
        raise CaseError(_("Hình thức phản hồi «%(value)s» không hợp lệ.") % {"value": kind})
    if date > timezone.localdate():
        raise CaseError(_("Ngày phản hồi không thể ở tương lai."))
    link_check(url)
    channel = ResponseChannel.objects.create(case=case, kind=kind, date=date, url=url, note=note)
    case_event_record(case, EventKind.CHANNEL_ADDED, user=user, note=channel.get_kind_display())
    return channel
