"""Claims and their recurrences: matching in every language through the real pipeline, review,
the 'no second case for a known claim' rule and the alert when a refuted claim resurfaces."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lantoa.insights.constants import AlertKind
from lantoa.insights.models import Alert, AlertRule, Watchlist
from lantoa.monitoring import services as monitoring
from lantoa.monitoring.models import Item
from lantoa.responses import services
from lantoa.responses.claim_matching import ClaimSpec, claim_index
from lantoa.responses.constants import RecurrenceReview
from lantoa.responses.models import Claim, ClaimRecurrence
from lantoa.responses.services import CaseError
from lantoa.responses.services.claims import claim_recurrences_record, recurrence_review

from .factories import ItemFactory, SourceFactory
from .helpers import drafted_case

pytestmark = pytest.mark.django_db

CLAIM = "Cảng Quy Nhơn sa thải 1.372 công nhân từ ngày 5 tháng 3"
SAME_CLAIM = {
    "vi": ("Cảng Quy Nhơn sẽ sa thải 1.372 công nhân từ ngày 5 tháng 3?", "Tin lan truyền."),
    "en": ("Quy Nhon port to lay off 1,372 workers on March 5", "Posts claim the port cuts jobs."),
    "ja": ("クイニョン港、3月5日に労働者1372人を解雇か", "SNSで噂が広がっている。"),
    "zh": ("归仁港3月5日将裁员1372人", "网上流传消息称。"),
}
UNRELATED = ("Quy Nhơn khai mạc lễ hội du lịch biển năm 2026", "Du khách tham dự ngày 12 tháng 4.")


@pytest.fixture
def quy_nhon():
    return Watchlist.objects.create(
        name="Quy Nhơn", query='"Quy Nhơn"', aliases="Quy Nhon\nクイニョン\n归仁\n퀴논"
    )


def _entries(prefix: str, *, days_ago: float = 0) -> list[dict]:
    moment = (timezone.now() - timedelta(days=days_ago)).isoformat()
    rows = [(lang, title, text) for lang, (title, text) in SAME_CLAIM.items()]
    rows.append(("vi", *UNRELATED))
    return [
        {
            "url": f"http://127.0.0.1/{prefix}/{n}",
            "title": title,
            "summary": text,
            "language": lang,
            "published": moment,
        }
        for n, (lang, title, text) in enumerate(rows)
    ]


def test_items_in_four_languages_match_the_claim_and_an_unrelated_one_does_not(quy_nhon, monitor):
    case = services.case_open(claim=CLAIM, user=monitor, description="Tin đồn trên mạng.")
    assert list(case.claims.values_list("text", "language")) == [(CLAIM, "vi")]
    monitoring.entries_ingest(source=SourceFactory(), entries=_entries("lan"))
    matched = ClaimRecurrence.objects.filter(case=case).select_related("item")
    assert sorted(r.item.language for r in matched) == ["en", "ja", "vi", "zh"]
    assert all(r.review_state == RecurrenceReview.PENDING and r.score >= 0.6 for r in matched)
    assert not ClaimRecurrence.objects.filter(item__title=UNRELATED[0]).exists()
    # The stage is idempotent: a resumed batch records nothing twice.
    claim_recurrences_record(items=list(Item.objects.all()))
    assert ClaimRecurrence.objects.filter(case=case).count() == 4


def test_watch_languages_and_key_phrases_narrow_and_widen_a_claim():
    plain = ClaimSpec(1, 1, "Giá điện tăng gấp đôi từ tháng 7", "vi", watch_languages=("vi",))
    phrased = ClaimSpec(
        2, 2, "Giá điện tăng gấp đôi từ tháng 7", "vi", phrases=("electricity price doubles",)
    )
    index = claim_index([plain, phrased])
    english = index.match(title="Electricity price doubles in July", text="", language="en")
    assert [hit.claim_id for hit in english] == [2]
    vietnamese = index.match(title="Giá điện tăng gấp đôi từ tháng 7?", text="", language="vi")
    assert {hit.claim_id for hit in vietnamese} == {1, 2}


def test_a_reviewer_confirms_or_rejects_a_recurrence(monitor):
    case = services.case_open(claim=CLAIM, user=monitor, description="Tin đồn.")
    item = ItemFactory(title=SAME_CLAIM["vi"][0], summary=SAME_CLAIM["vi"][1])
    claim_recurrences_record(items=[item])
    recurrence = case.recurrences.get()
    recurrence = recurrence_review(
        recurrence=recurrence, user=monitor, state=RecurrenceReview.REJECTED
    )
    assert (recurrence.review_state, recurrence.reviewed_by) == ("rejected", monitor)
    with pytest.raises(CaseError, match="không hợp lệ"):
        recurrence_review(recurrence=recurrence, user=monitor, state="maybe")


def test_no_second_case_for_an_item_of_a_known_claim(monitor):
    case = services.case_open(claim=CLAIM, user=monitor, description="Tin đồn.")
    item = ItemFactory(title=SAME_CLAIM["en"][0], language="en", summary="")
    claim_recurrences_record(items=[item])
    with pytest.raises(CaseError, match=f"#{case.pk}"):
        services.case_open(claim="Cảng sa thải công nhân", user=monitor, items=[item])
    assert Claim.objects.count() == 1
    # Rejected as not the same claim: the item may open a case of its own.
    recurrence_review(
        recurrence=case.recurrences.get(), user=monitor, state=RecurrenceReview.REJECTED
    )
    other = services.case_open(claim="Cảng tuyển thêm công nhân", user=monitor, items=[item])
    assert other.claims.get().text == "Cảng tuyển thêm công nhân"


@pytest.fixture
def refuted(site, monitor, leader, quy_nhon):
    """A published clarification refuting CLAIM (the ward's own workflow)."""
    case, page = drafted_case(monitor, claim=CLAIM)
    services.case_submit_for_approval(case=case, user=monitor)
    services.case_approve(case=case, user=leader)
    case.refresh_from_db()
    page.refresh_from_db()
    return case, page


def test_a_refuted_claim_resurfacing_alerts_once_with_the_clarification_link(refuted, monitor):
    case, page = refuted
    assert case.claims.get().text == CLAIM and case.published_at is not None
    rule = AlertRule.objects.create(name="Làm rõ xuất hiện lại", kind=AlertKind.CLAIM_RESURFACED)
    monitoring.entries_ingest(source=SourceFactory(), entries=_entries("lai"))
    alert = Alert.objects.get(rule=rule)
    assert alert.kind == "claim_resurfaced" and CLAIM in alert.title
    assert alert.payload["clarification"]["url"] == page.full_url
    assert page.full_url in alert.body and alert.payload["case_id"] == case.pk
    assert alert.items.count() == 4
    # More items of the same claim that day: still one alert; and no new case for it.
    monitoring.entries_ingest(source=SourceFactory(), entries=_entries("lai-nua"))
    assert Alert.objects.filter(rule=rule).count() == 1
    with pytest.raises(CaseError, match=f"#{case.pk}"):
        services.case_open(
            claim="Cảng Quy Nhơn sa thải 1.372 công nhân", user=monitor, description="Lại nữa."
        )


def test_items_from_before_the_clarification_do_not_alert(refuted):
    case, _page = refuted
    AlertRule.objects.create(name="Làm rõ xuất hiện lại", kind=AlertKind.CLAIM_RESURFACED)
    monitoring.entries_ingest(source=SourceFactory(), entries=_entries("cu", days_ago=3))
    assert case.recurrences.count() == 4
    assert not Alert.objects.filter(kind=AlertKind.CLAIM_RESURFACED).exists()
