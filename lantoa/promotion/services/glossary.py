"""Writes of the official terminology glossary and of the leaders' workflow for pages on
international issues."""

from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from lantoa.core.constants import Role
from lantoa.core.selectors import office
from lantoa.core.services import roles_ensure
from lantoa.core.text import fold

from ..constants import LEADER_WORKFLOW_NAME, TermKind
from ..models import OfficialTerm

# The office's fixed names: (vi, kind, en, zh-hans, ko, ja, fr). An office edits them in the admin
# (Quảng bá → Thuật ngữ chính thức); glossary_ensure only adds the missing ones.
DEFAULT_TERMS = [
    (
        "Đảng ủy phường",
        TermKind.PARTY,
        "ward Party Committee",
        "坊党委",
        "프엉 당위원회",
        "坊党委員会",
        "Comité du Parti du quartier",
    ),
    (
        "Bí thư Đảng ủy phường",
        TermKind.TITLE,
        "Secretary of the ward Party Committee",
        "坊党委书记",
        "프엉 당위원회 서기",
        "坊党委員会書記",
        "Secrétaire du Comité du Parti du quartier",
    ),
    (
        "Ủy ban nhân dân phường",
        TermKind.GOVERNMENT,
        "ward People's Committee",
        "坊人民委员会",
        "프엉 인민위원회",
        "坊人民委員会",
        "Comité populaire du quartier",
    ),
    (
        "Chủ tịch Ủy ban nhân dân phường",
        TermKind.TITLE,
        "Chairman of the ward People's Committee",
        "坊人民委员会主席",
        "프엉 인민위원회 주석",
        "坊人民委員会主席",
        "Président du Comité populaire du quartier",
    ),
    (
        "Hội đồng nhân dân phường",
        TermKind.GOVERNMENT,
        "ward People's Council",
        "坊人民议会",
        "프엉 인민의회",
        "坊人民評議会",
        "Conseil populaire du quartier",
    ),
    (
        "Phòng Văn hóa - Xã hội",
        TermKind.OFFICE,
        "Office of Culture and Society",
        "文化社会科",
        "문화사회과",
        "文化社会課",
        "Bureau de la culture et de la société",
    ),
    (
        "Quy Nhơn",
        TermKind.PLACE,
        "Quy Nhon",
        "归仁",
        "꾸이년",
        "クイニョン",
        "Quy Nhon",
    ),
    ("Gia Lai", TermKind.PLACE, "Gia Lai", "嘉莱", "잘라이", "ザライ", "Gia Lai"),
    ("Tháp Đôi", TermKind.PLACE, "Twin Towers", "双塔", "쌍탑", "双塔", "tours Jumelles"),
    (
        "Hồ Chí Minh",
        TermKind.TITLE,
        "Ho Chi Minh",
        "胡志明",
        "호찌민",
        "ホー・チ・ミン",
        "Hô Chi Minh",
    ),
]


# How the default office name "Đảng ủy phường <place>" reads in each language, <place> being the
# place's own official term (its Vietnamese name without diacritics when the glossary has none).
OFFICE_NAME_PATTERNS = {
    "en": "{place} Ward Party Committee",
    "zh_hans": "{place}坊党委",
    "ko": "{place} 프엉 당위원회",
    "ja": "{place}坊党委員会",
    "fr": "Comité du Parti du quartier de {place}",
}


def _office_name_term() -> tuple | None:
    """The office's own name as a glossary entry, when it is the default "Đảng ủy phường <place>"
    form; a name an administrator typed otherwise gets its translations in the admin."""
    current = office()
    if current.name != f"Đảng ủy phường {current.place}":
        return None
    place = OfficialTerm.objects.filter(vi__iexact=current.place).first()
    plain = fold(current.place)
    names = {
        field: pattern.format(place=(getattr(place, field) if place else "") or plain)
        for field, pattern in OFFICE_NAME_PATTERNS.items()
    }
    return (current.name, TermKind.PARTY, *names.values())


def _term_add(vi, kind, en, zh, ko, ja, fr) -> bool:
    _term, created = OfficialTerm.objects.get_or_create(
        vi=vi, defaults={"kind": kind, "en": en, "zh_hans": zh, "ko": ko, "ja": ja, "fr": fr}
    )
    return created


@transaction.atomic
def glossary_ensure() -> int:
    """Add the default official terms an office does not have yet, then the office's own name
    (built from its place's term); return how many were added."""
    added = sum(_term_add(*row) for row in DEFAULT_TERMS)
    if own := _office_name_term():
        added += _term_add(*own)
    return added


@transaction.atomic
def leader_workflow_ensure() -> Workflow:
    """The one-step workflow (a leader approves) that pages on international issues go through
    instead of the default moderators' workflow (PublishChecksMixin.get_workflow)."""
    groups = roles_ensure()
    task = GroupApprovalTask.objects.filter(name="Lãnh đạo duyệt").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Lãnh đạo duyệt")
    task.groups.add(groups[Role.LEADER.value])
    workflow, _created = Workflow.objects.get_or_create(name=LEADER_WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow
