"""Does a clarification work? Recurrences per day before/after publication, the rate ratio and
its interval against known values, the case page, the dashboard figure and the annual report."""

import math
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantoa.core.models import User
from lantoa.core.reporting import ReportContext
from lantoa.responses import services
from lantoa.responses.constants import RecurrenceReview
from lantoa.responses.models import Case, ClaimRecurrence
from lantoa.responses.permissions import permissions_grant
from lantoa.responses.report_sections import clarification_effect_section
from lantoa.responses.selectors.effect import (
    RateChange,
    case_effect,
    kpi_clarification_effect,
    rate_ratio,
    rate_ratio_pooled,
)
from lantoa.responses.services.claims import claim_recurrences_record, recurrence_review

from .factories import ItemFactory

CLAIM = "Giá điện sinh hoạt tăng gấp đôi từ ngày 1 tháng 7"


def test_rate_ratio_matches_r_poisson_test():
    # R: poisson.test(c(11, 21), c(800, 3011)) → rate ratio 1.971488, 95 % CI 0.8584264 4.2772659
    change = rate_ratio(before=21, before_days=3011, after=11, after_days=800)
    assert change.ratio == pytest.approx(1.971488, abs=1e-6)
    assert change.low == pytest.approx(0.8584264, abs=1e-6)
    assert change.high == pytest.approx(4.2772659, abs=1e-6)
    assert change.label() == "1,97 (0,86–4,28)"


def test_too_few_days_or_nothing_before_is_not_enough_data():
    assert rate_ratio(before=5, before_days=28, after=1, after_days=3).label() == "chưa đủ dữ liệu"
    assert not rate_ratio(before=0, before_days=28, after=4, after_days=28).enough
    assert not rate_ratio(before=9, before_days=5, after=4, after_days=28).enough
    # Nothing after: the rate fell to zero, with an upper bound.
    change = rate_ratio(before=20, before_days=28, after=0, after_days=14)
    assert change.ratio == 0 and change.low == 0 and 0 < change.high < 1


def test_mantel_haenszel_pools_cases():
    one = rate_ratio(before=30, before_days=28, after=6, after_days=14)
    pooled = rate_ratio_pooled([one])
    # One stratum: the plain ratio, with the Wald interval exp(±1.96·√(1/a + 1/b)).
    assert pooled.ratio == pytest.approx(one.ratio)
    spread = math.exp(1.96 * math.sqrt(1 / 30 + 1 / 6))
    assert pooled.high == pytest.approx(one.ratio * spread)
    # Two cases with the same rates: the same ratio, a narrower interval; "not enough" is left out.
    twice = rate_ratio_pooled([one, one, RateChange(0, 28, 3, 10)])
    assert twice.ratio == pytest.approx(one.ratio) and twice.high < pooled.high
    assert (twice.before, twice.after) == (60, 12)


@pytest.fixture
def case_with_curve(db, demo_ward):
    """A case published 10 days ago; its claim came back 14 times in the 28 days before (twice
    rejected by the reviewer) and 3 times since."""
    permissions_grant()  # the roles' permissions, as `responses_setup` grants them
    monitor = User.objects.get(username="theodoi")
    case = services.case_open(claim=CLAIM, user=monitor, description="Tin đồn về giá điện.")
    now = timezone.now()
    published = now - timedelta(days=10)
    Case.objects.filter(pk=case.pk).update(published_at=published, verdict="false")
    case.refresh_from_db()
    days_before = [1, 2, 2, 3, 5, 6, 8, 9, 12, 15, 18, 20, 25, 27, 40]  # 40: outside the window
    days_after = [1, 4, 8]
    items = [
        ItemFactory(
            title=f"{CLAIM}?", summary=f"Bài {n}", published_at=published - timedelta(days=d)
        )
        for n, d in enumerate(days_before)
    ] + [
        ItemFactory(
            title=f"Thật không: {CLAIM}", summary="", published_at=published + timedelta(days=d)
        )
        for d in days_after
    ]
    items.append(ItemFactory(title="Giá điện tăng gấp đôi? Không!", published_at=now))
    claim_recurrences_record(items=items)
    assert case.recurrences.count() == 18
    for recurrence in case.recurrences.order_by("appeared_at")[1:3]:
        recurrence_review(recurrence=recurrence, user=monitor, state=RecurrenceReview.REJECTED)
    return case


@pytest.mark.django_db
def test_case_effect_counts_days_before_and_after(case_with_curve):
    effect = case_effect(case_with_curve)
    change = effect.change
    assert (change.before, change.after) == (14 - 2, 3)
    # After: from publication (10 days before the fixture ran) to now, a few seconds later.
    assert change.before_days == pytest.approx(28)
    assert change.after_days == pytest.approx(10, abs=0.01)
    assert change.ratio == pytest.approx((3 / change.after_days) / (12 / 28))
    assert len(effect.days) in (39, 40) and sum(effect.counts) == 15
    assert effect.published_on == timezone.localdate(case_with_curve.published_at)


@pytest.mark.django_db
def test_dashboard_figure_links_list_exactly_what_it_counts(client, case_with_curve):
    today = timezone.localdate()
    counts = kpi_clarification_effect(start=today - timedelta(days=30), end=today)
    labels = [str(c.label) for c in counts]
    assert labels[-1].startswith("Chung") and "(" in str(counts[-1].value)
    client.force_login(User.objects.get(username="admin"))
    checked = 0
    for count in counts:
        if not count.url:
            continue
        html = client.get(count.url).content.decode()
        body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
        rows = len(re.findall(r"<tr", body.group(1))) if body else 0
        assert rows == count.rows, (str(count.label), count.url)
        checked += 1
    # before, after, the ratio (from both spans), clarifications published, the pooled ratio
    assert checked == 5


@pytest.mark.django_db
def test_case_page_shows_the_curve_the_ratio_and_review_buttons(client, case_with_curve):
    client.force_login(User.objects.get(username="theodoi"))
    url = reverse("wagtailsnippets_responses_case:inspect", args=[case_with_curve.pk])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert 'id="claim-effect-data"' in html and "vendor/chartjs/chart.min.js" in html
    assert "Hiệu quả làm rõ thông tin" in html and "0,70 (" in html
    assert html.count('data-review-action="confirmed"') == 18
    recurrence = case_with_curve.recurrences.exclude(review_state="rejected").first()
    response = client.post(
        reverse("wagtailsnippets_responses_claimrecurrence:review", args=[recurrence.pk]),
        {"state": "confirmed"},
    )
    assert response.status_code == 302
    assert ClaimRecurrence.objects.get(pk=recurrence.pk).review_state == "confirmed"


@pytest.mark.django_db
def test_annual_report_gives_the_effect_per_case_and_overall(case_with_curve):
    today = timezone.localdate()
    section = clarification_effect_section(
        ReportContext(year=today.year, start=today - timedelta(days=30), end=today)
    )
    assert section.title == "Hiệu quả làm rõ thông tin"
    assert section.figures["recurrences_before"] == 12 and section.figures["recurrences_after"] == 3
    assert section.figures["rate_ratio"] == pytest.approx(0.7, rel=1e-3)
    assert section.tables[0].rows[0][3] == "0,70 (" + section.tables[0].rows[0][3][6:]
