"""Shared steps of the responses tests."""

from datetime import date

from lantoa.responses import services
from lantoa.responses.constants import EvidenceKind, Severity, Verdict

from .factories import ItemFactory


def open_case(user, *, severity=Severity.HIGH, **kwargs):
    item = kwargs.pop("item", None) or ItemFactory()
    return services.case_open(
        claim=kwargs.pop("claim", "Phường Quy Nhơn thu phí vào bãi biển từ tháng sau"),
        user=user,
        severity=severity,
        items=[item],
        topics=["du lịch", "biển"],
        **kwargs,
    )


def drafted_case(user, **kwargs):
    """A case verified as false, with evidence and a drafted clarification page."""
    case = open_case(user, **kwargs)
    services.case_start_verification(case=case, user=user)
    services.case_set_verdict(case=case, user=user, verdict=Verdict.FALSE)
    services.evidence_add(
        case=case,
        user=user,
        kind=EvidenceKind.STATEMENT,
        title="Ý kiến của Phòng Văn hóa - Xã hội",
        source="Phòng Văn hóa - Xã hội phường",
        date=date.today(),
        excerpt="Phường không thu bất kỳ khoản phí nào khi người dân và du khách vào bãi biển.",
    )
    page = services.clarification_create_from_case(
        case=case,
        user=user,
        explanation="Phường không có chủ trương thu phí vào bãi biển.\n\nBãi biển mở cửa tự do.",
    )
    case.refresh_from_db()
    return case, page
