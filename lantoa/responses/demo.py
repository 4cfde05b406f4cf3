"""Demo cases (invented claims, marked "[Demo]") and one published clarification in Vietnamese."""

from datetime import date, timedelta

from django.utils import timezone

from lantoa.core.models import User

from .constants import ChannelKind, EvidenceKind, Severity, Verdict
from .models import Case
from .services import (
    AppearanceSpec,
    case_approve,
    case_mark_not_applicable,
    case_open,
    case_set_verdict,
    case_start_verification,
    case_submit_for_approval,
    channel_add,
    clarification_create_from_case,
    evidence_add,
    responses_setup,
)

PREFIX = "[Demo] "
# Invented claims; example.invalid never resolves, so nobody mistakes them for real sources.
CASES = [
    {
        "claim": "Phường Quy Nhơn thu phí người dân tắm biển buổi sáng",
        "severity": Severity.HIGH,
        "topics": ["du lịch", "biển"],
        "url": "https://example.invalid/demo/thu-phi-tam-bien",
        "hours_ago": 30,
        "publish": True,
    },
    {
        "claim": "Đường ven biển Xuân Diệu đóng cửa suốt tháng tới",
        "severity": Severity.MEDIUM,
        "topics": ["giao thông"],
        "url": "https://example.invalid/demo/dong-duong-xuan-dieu",
        "hours_ago": 10,
        "verify": True,
    },
    {
        "claim": "Lễ hội đường phố năm nay bị hủy vì thiếu kinh phí",
        "severity": Severity.CRITICAL,
        "topics": ["lễ hội"],
        "url": "https://example.invalid/demo/huy-le-hoi",
        "hours_ago": 20,
    },
    {
        "claim": "Ảnh chụp bãi rác ven biển là của phường Quy Nhơn",
        "severity": Severity.LOW,
        "topics": ["môi trường"],
        "url": "https://example.invalid/demo/anh-bai-rac",
        "hours_ago": 50,
        "not_applicable": "Ảnh chụp tại địa phương khác, không liên quan đến phường.",
    },
]


def load(*, log) -> None:
    responses_setup()
    monitor = User.objects.get(username="theodoi")
    leader = User.objects.get(username="lanhdao")
    created = 0
    for spec in CASES:
        claim = PREFIX + spec["claim"]
        if Case.objects.filter(claim=claim).exists():
            continue
        detected = timezone.now() - timedelta(hours=spec["hours_ago"])
        case = case_open(
            claim=claim,
            user=monitor,
            severity=spec["severity"],
            appearances=[AppearanceSpec(spec["url"], detected - timedelta(hours=2), "Trang demo")],
            topics=spec["topics"],
            detected_at=detected,
            notes="Vụ việc minh họa, nội dung do Lantoa tự đặt ra.",
        )
        created += 1
        if "not_applicable" in spec:
            case_mark_not_applicable(case=case, user=monitor, note=spec["not_applicable"])
            continue
        if spec.get("verify") or spec.get("publish"):
            case_start_verification(case=case, user=monitor)
        if spec.get("publish"):
            case_set_verdict(case=case, user=monitor, verdict=Verdict.FALSE)
            evidence_add(
                case=case,
                user=monitor,
                kind=EvidenceKind.STATEMENT,
                title="[Demo] Ý kiến của Phòng Văn hóa - Xã hội phường",
                source="Phòng Văn hóa - Xã hội phường",
                date=date.today(),
                excerpt="Phường không thu bất kỳ khoản phí nào đối với người tắm biển.",
            )
            clarification_create_from_case(
                case=case,
                user=monitor,
                title="[Demo] Không có chuyện thu phí tắm biển buổi sáng",
                explanation=(
                    "Đây là bản làm rõ minh họa của Lantoa.\n\n"
                    "Phường không ban hành bất kỳ quy định nào về thu phí tắm biển; bãi biển "
                    "mở cửa tự do cho người dân và du khách."
                ),
            )
            case_submit_for_approval(case=case, user=monitor)
            case_approve(case=Case.objects.get(pk=case.pk), user=leader)
            channel_add(
                case=case,
                user=leader,
                kind=ChannelKind.OFFICE_SITE,
                date=timezone.localdate(),
                url=Case.objects.get(pk=case.pk).clarification.full_url or "",
            )
    log(f"responses: {created} vụ việc minh họa mới, {Case.objects.count()} vụ việc tổng cộng")
