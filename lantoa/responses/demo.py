# ruff: noqa: E501  (the demo texts: one sentence per line reads and diffs better)
"""Demo cases (invented claims, marked "[Demo]") and one published clarification in Vietnamese."""

from datetime import date, timedelta

from django.utils import timezone
from wagtail_localize.models import Translation

from lantoa.core.models import User
from lantoa.monitoring.constants import OutletType
from lantoa.monitoring.models import Source
from lantoa.monitoring.services import entries_ingest, source_create
from lantoa.promotion.services import page_translate

from .constants import ChannelKind, EvidenceKind, Severity, Verdict
from .models import Case, CaseEvent, ClarificationIndexPage
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


# The index and the published demo clarification in the other site languages (written for
# Lantoa): Vietnamese source text → (en, zh-hans, ko, ja, fr). Fixed names follow the glossary.
TRANSLATED = ("en", "zh-hans", "ko", "ja", "fr")
TEXTS = {
    "Làm rõ thông tin": ("Clarifications", "信息澄清", "정보 해명", "情報の説明", "Mises au point"),
    "lam-ro-thong-tin": (
        "clarifications",
        "clarifications",
        "clarifications",
        "clarifications",
        "mises-au-point",
    ),
    "Thông tin chính thức của cơ quan về những nội dung sai lệch, không chính xác hoặc thiếu đầy đủ liên quan đến địa phương.": (
        "The office's official information on false, inaccurate or incomplete content about the locality.",
        "本机关就有关本地的虚假、不准确或不完整内容发布的官方信息。",
        "지역과 관련된 허위, 부정확하거나 불완전한 내용에 대한 기관의 공식 정보입니다.",
        "地域に関する虚偽、不正確または不完全な内容についての当機関の公式情報です。",
        "Les informations officielles de l'administration sur les contenus faux, inexacts ou incomplets concernant la localité.",
    ),
    "[Demo] Không có chuyện thu phí tắm biển buổi sáng": (
        "[Demo] No fee is charged for a morning swim",
        "[演示] 早上游泳不收费",
        "[데모] 아침 해수욕 요금은 없습니다",
        "[デモ] 朝の海水浴は有料ではありません",
        "[Démo] La baignade du matin n'est pas payante",
    ),
    "[Demo] Phường Quy Nhơn thu phí người dân tắm biển buổi sáng": (
        "[Demo] Quy Nhon ward charges residents for swimming in the morning",
        "[演示] 归仁坊向早上游泳的居民收费",
        "[데모] 꾸이년 프엉이 아침에 해수욕하는 주민에게 요금을 받는다",
        "[デモ] クイニョン坊が朝に海水浴をする住民から料金を取っている",
        "[Démo] Le quartier de Quy Nhon fait payer la baignade du matin aux habitants",
    ),
    # The slug clarification_create_from_case makes from the title.
    "demo-khong-co-chuyen-thu-phi-tam-bien-buoi-sang": (
        "demo-no-fee-for-a-morning-swim",
        "demo-no-fee-for-a-morning-swim",
        "demo-no-fee-for-a-morning-swim",
        "demo-no-fee-for-a-morning-swim",
        "demo-baignade-du-matin-gratuite",
    ),
    "Đây là bản làm rõ minh họa của Lantoa.": (
        "This is a sample clarification by Lantoa.",
        "这是Lantoa的示例澄清。",
        "Lantoa의 예시 해명입니다.",
        "これはLantoaのサンプルの説明です。",
        "Ceci est une mise au point d'exemple de Lantoa.",
    ),
    "Phường không ban hành bất kỳ quy định nào về thu phí tắm biển; bãi biển mở cửa tự do cho người dân và du khách.": (
        "The ward has issued no rule on charging for swimming; the beach is open freely to residents and visitors.",
        "本坊没有发布任何关于游泳收费的规定；海滩向居民和游客免费开放。",
        "프엉은 해수욕 요금에 관한 어떤 규정도 만들지 않았으며, 해변은 주민과 관광객에게 자유롭게 열려 있습니다.",
        "坊は海水浴の料金に関する規定を一切定めていません。海岸は住民と観光客に自由に開かれています。",
        "Le quartier n'a pris aucune règle faisant payer la baignade ; la plage est ouverte librement aux habitants et aux visiteurs.",
    ),
}


def translations_ensure() -> int:
    """The clarifications index (in the menu of every language) and every live demo
    clarification, translated into the other site languages once."""
    count = 0
    index = ClarificationIndexPage.objects.filter(locale__language_code="vi").first()
    if index is None:
        return 0
    if not index.show_in_menus:
        index.show_in_menus = True
        index.save_revision().publish()
    pages = [index, *index.get_children().live().filter(title__startswith=PREFIX).specific()]
    for page in pages:
        for position, language in enumerate(TRANSLATED):
            if Translation.objects.filter(
                source__object_id=page.translation_key, target_locale__language_code=language
            ).exists():
                continue
            strings = {vi: texts[position] for vi, texts in TEXTS.items()}
            page_translate(page=page, language_code=language, strings=strings)
            count += 1
    return count


# The recurrence demo: the published demo claim keeps coming back on (invented) social posts, less
# often once the clarification is out. Days relative to the publication; negative is before.
EFFECT_SHIFT_DAYS = 14
EFFECT_SOURCE = "[Demo] Bài đăng mạng xã hội (minh họa)"
EFFECT_PHRASES = "Quy Nhon ward charges residents for a morning swim"
DEMO_NOTE = {
    "vi": "Bài đăng minh họa do Lantoa tự đặt ra.",
    "en": "A sample post made up by Lantoa.",
}
EFFECT_POSTS = [
    (-26, "vi", "Nghe nói phường Quy Nhơn thu phí người dân tắm biển buổi sáng?"),
    (-21, "vi", "Từ nay phường Quy Nhơn thu phí người dân tắm biển buổi sáng"),
    (-17, "vi", "Phường thu phí người dân tắm biển buổi sáng ở Quy Nhơn, có thật không"),
    (-12, "en", "Quy Nhon ward charges residents for a morning swim, posts say"),
    (-9, "vi", "Người dân bức xúc vì phường Quy Nhơn thu phí tắm biển buổi sáng"),
    (-7, "vi", "Chia sẻ: phường Quy Nhơn thu phí người dân tắm biển vào buổi sáng"),
    (-5, "en", "Is Quy Nhon ward really charging residents for a morning swim?"),
    (-3, "vi", "Lại thấy tin phường Quy Nhơn thu phí người dân tắm biển buổi sáng"),
    (-2, "vi", "Phường Quy Nhơn thu phí người dân tắm biển buổi sáng: ai cũng hỏi"),
    (-1, "vi", "Nóng: phường Quy Nhơn thu phí người dân đi tắm biển buổi sáng"),
    (3, "vi", "Vẫn có người chia sẻ tin phường Quy Nhơn thu phí người dân tắm biển buổi sáng"),
    (9, "en", "Old rumour: Quy Nhon ward charges residents for a morning swim"),
]


def _shift_case(case: Case, days: int) -> None:
    """Set the demo case `days` earlier (every moment of it), so that its clarification has a
    'before' and an 'after' in the demo (the services themselves always act now)."""
    delta = timedelta(days=days)
    fields = ("detected_at", "due_at", "first_action_at", "approved_at", "published_at")
    changes = {f: getattr(case, f) - delta for f in fields if getattr(case, f) is not None}
    Case.objects.filter(pk=case.pk).update(**changes)
    for event in CaseEvent.objects.filter(case=case):
        CaseEvent.objects.filter(pk=event.pk).update(at=event.at - delta)


def effect_demo(case: Case) -> int:
    """Recurrences before and after the published demo clarification, through the pipeline (the
    posts are ingested like an import of public posts; matching and review are the real ones)."""
    if Source.objects.filter(name=EFFECT_SOURCE).exists():
        return 0
    claim = case.claims.order_by("sort_order", "pk").first()
    if claim is not None and not claim.key_phrases:
        claim.key_phrases = EFFECT_PHRASES
        claim.save(update_fields=["key_phrases"])
    _shift_case(case, EFFECT_SHIFT_DAYS)
    case.refresh_from_db()
    source = source_create(
        url="https://example.invalid/demo/bai-dang",
        name=EFFECT_SOURCE,
        outlet_type=OutletType.SOCIAL_PAGE,
        is_active=False,
    )
    entries = [
        {
            "url": f"https://example.invalid/demo/bai-dang/{n}",
            "title": text,
            "summary": DEMO_NOTE[language],
            "language": language,
            "published": (case.published_at + timedelta(days=day, hours=n % 5)).isoformat(),
        }
        for n, (day, language, text) in enumerate(EFFECT_POSTS)
    ]
    entries_ingest(source=source, entries=entries)
    return case.recurrences.count()


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
    translated = translations_ensure()
    published = Case.objects.filter(claim=PREFIX + CASES[0]["claim"]).first()
    recurrences = effect_demo(published) if published and published.published_at else 0
    log(
        f"responses: {created} vụ việc minh họa mới, {Case.objects.count()} vụ việc tổng cộng, "
        f"{translated} bản dịch mới của mục làm rõ thông tin, "
        f"{recurrences} lần thông tin xuất hiện lại (minh họa)"
    )
