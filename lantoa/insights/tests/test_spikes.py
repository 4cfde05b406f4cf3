"""Spike alerts explain themselves (terms, sources, languages, stories, each with a drill-down to
the items it counted), and a spike rule's k learns from the monitors' marks, bounded, undoable."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lantoa.core.models import User
from lantoa.core.registry import app_modules
from lantoa.monitoring.models import Item, Source, Story

from ..constants import (
    SENSITIVITY_MARKS,
    SENSITIVITY_MAX,
    SENSITIVITY_MIN,
    SENSITIVITY_STEP_DOWN,
    SENSITIVITY_STEP_UP,
    AlertKind,
    Channel,
    WebhookFormat,
)
from ..models import Alert, AlertRule, SensitivityChange
from ..selectors.spikes import BASELINE_SAMPLE, spike_explain
from ..services import (
    SensitivityError,
    alert_feedback_set,
    items_analyse,
    rule_sensitivity_undo,
    spikes_detect,
)
from ..webhooks import webhook_body
from .factories import AlertRuleFactory, SourceFactory, WatchlistFactory, indexed_items

pytestmark = pytest.mark.django_db


def _half_past_noon():
    local = timezone.localtime()
    noon = local.replace(hour=12, minute=30, second=0, microsecond=0)
    return noon if noon <= local else noon - timedelta(days=1)


NOW = _half_past_noon()
EVERYDAY = ["chợ phiên cuối tuần", "giao thông giờ cao điểm", "lễ hội đường phố"]


@pytest.fixture
def ward(demo_ward):
    for module in app_modules("permissions"):
        module.permissions_grant()
    return demo_ward


@pytest.fixture
def monitor(ward):
    return User.objects.get(username="theodoi")


@pytest.fixture
def spike(settings):
    """Fourteen ordinary days of a watchlist from two everyday Vietnamese outlets, then a day on
    which a landslide story breaks: six items from one new outlet in Vietnamese and four from a
    Korean one. A spike rule watches the watchlist and mails the office."""
    settings.WAGTAILADMIN_BASE_URL = "https://lantoa.example"
    watchlist = WatchlistFactory()
    everyday = [SourceFactory(name="Báo Thường Ngày"), SourceFactory(name="Đài Phường")]
    specs = [
        {
            "title": f"Quy Nhơn: {EVERYDAY[(day + n) % 3]} ({day}-{n})",
            "source": everyday[(day + n) % 2],
            "published_at": NOW - timedelta(days=day, hours=3 + n),
        }
        for day in range(1, 15)
        for n in range(1 + day % 2)
    ]
    local = SourceFactory(name="Tin Nhanh Miền Trung")
    korean = SourceFactory(name="퀴논 뉴스", outlet_type="foreign_press", country="KR")
    story = Story.objects.create(title="Sạt lở Ghềnh Ráng")
    burst = [
        {
            "title": f"Quy Nhơn: sạt lở Ghềnh Ráng, đường ven biển bị chặn (bài {n})",
            "source": local,
            "published_at": NOW - timedelta(hours=1 + n),
        }
        for n in range(6)
    ] + [
        {
            "title": f"퀴논 산사태 해안도로 통제 ({n})",
            "source": korean,
            "language": "ko",
            "published_at": NOW - timedelta(hours=2 + n),
        }
        for n in range(4)
    ]
    items = indexed_items(*specs, *burst)
    items_analyse(item_ids=[i.id for i in items], raise_alerts=False)
    # One story for the burst, whatever the linker made of the two languages.
    Item.objects.filter(pk__in=[i.pk for i in items[-len(burst) :]]).update(story=story)
    rule = AlertRuleFactory(
        kind=AlertKind.SPIKE,
        watchlist=watchlist,
        channel=Channel.EMAIL,
        target="vanphong@example.org",
        sensitivity=3.0,
    )
    return {"rule": rule, "story": story}


def _labels(explanation, kind):
    return [entry["label"] for entry in explanation[kind]]


def test_explanation_names_what_drove_the_spike_not_the_background(
    spike, client, monitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [alert] = spikes_detect(now=NOW)
    story = spike["story"]
    explanation = alert.payload["explanation"]
    assert explanation["window_items"] == 10
    terms = _labels(explanation, "terms")
    # The words of the landslide titles, cut as search cuts them.
    burst_words = {"sạt", "lở", "ghềnh", "ráng", "đường", "ven", "biển", "chặn", "산사태", "통제"}
    assert "ghềnh" in terms and set(terms) <= burst_words and len(terms) == 5
    # Everyday words and the watchlist's own name were there before too.
    assert not {"quy", "nhơn", "chợ", "phiên", "giao", "lễ"} & set(terms)
    assert _labels(explanation, "sources")[:2] == ["Tin Nhanh Miền Trung", "퀴논 뉴스"]
    assert not {"Báo Thường Ngày", "Đài Phường"} & set(_labels(explanation, "sources"))
    assert _labels(explanation, "languages") == ["Tiếng Hàn"]  # not Vietnamese: 60 % < 100 %
    assert [e["key"] for e in explanation["stories"]] == [story.pk]
    korean = explanation["languages"][0]
    assert (korean["items"], korean["share"], korean["baseline_share"]) == (4, 40.0, 0.0)

    # Each drill-down lists exactly the items the entry counted.
    client.force_login(monitor)
    for kind, label in [("terms", "ghềnh"), ("sources", "퀴논 뉴스"), ("languages", "Tiếng Hàn")]:
        entry = next(e for e in explanation[kind] if e["label"] == label)
        page = client.get(entry["path"])
        assert page.status_code == 200
        listed = list(page.context["object_list"])
        assert len(listed) == entry["items"], (kind, label)
        assert all(item.published_at >= NOW - timedelta(days=1) for item in listed)

    # The body, the alert page and the e-mail say it in Vietnamese, with the links.
    assert "Từ khóa nổi lên: “" in alert.body and "“ghềnh”: 6 tin (60 %, thường 0 %)" in alert.body
    assert "Tiếng Hàn: 4 tin (40 %, thường 0 %)" in alert.body
    telegram = AlertRule(kind=AlertKind.SPIKE, webhook_format=WebhookFormat.TELEGRAM)
    assert "Vì sao tăng" in webhook_body(alert, telegram)["text"]
    [message] = mail.outbox
    assert "Vì sao tăng" in message.body and "퀴논 뉴스" in message.body
    assert f"https://lantoa.example{explanation['sources'][0]['path']}" in message.body
    page = client.get(reverse("insights_alert:inspect", args=[alert.pk])).content.decode()
    assert "data-spike-explanation" in page and "Ghềnh Ráng" in page
    assert 'data-driver="languages" data-driver-key="ko"' in page
    inbox = client.get(reverse("insights_inbox") + "?show=all").content.decode()
    assert "data-inbox-why" in inbox and "“ghềnh”" in inbox and "data-mark-useful" in inbox


def _spike_alerts(rule, n, start=0):
    return [
        Alert.objects.create(
            rule=rule, kind=AlertKind.SPIKE, title=f"Tăng {k}", dedup_key=f"t:{rule.pk}:{k}"
        )
        for k in range(start, start + n)
    ]


def test_noisy_marks_raise_k_by_a_step_within_bounds_and_can_be_undone(monitor):
    rule = AlertRuleFactory(kind=AlertKind.SPIKE, sensitivity=3.0)
    alerts = _spike_alerts(rule, SENSITIVITY_MARKS)
    # Three noisy and one useful: not enough alerts judged yet.
    for alert, useful in zip(alerts, [False, False, True, False], strict=False):
        alert_feedback_set(alert=alert, user=monitor, useful=useful)
    assert AlertRule.objects.get().sensitivity == 3.0 and not SensitivityChange.objects.exists()
    alert_feedback_set(alert=alerts[4], user=monitor, useful=True)  # 3 of 5 not useful: 60 %
    rule.refresh_from_db()
    assert rule.sensitivity == 3.0 + SENSITIVITY_STEP_UP
    [change] = SensitivityChange.objects.all()
    assert (change.old_k, change.new_k, change.useful, change.not_useful) == (3.0, 3.5, 2, 3)
    assert "3 trong 5 cảnh báo" in change.reason and change.user is None
    assert ModelLogEntry.objects.filter(action="insights.alert_feedback").count() == 5
    assert ModelLogEntry.objects.filter(action="insights.sensitivity").count() == 1

    # Marks on alerts raised under the old k do not count again.
    alert_feedback_set(alert=alerts[2], user=monitor, useful=False)
    assert AlertRule.objects.get().sensitivity == 3.5

    undo = rule_sensitivity_undo(change=change, user=monitor)
    assert AlertRule.objects.get().sensitivity == 3.0
    assert undo.undoes == change and undo.user == monitor and "về lại 3" in undo.reason
    with pytest.raises(SensitivityError):
        rule_sensitivity_undo(change=change, user=monitor)

    # Near the top, k stops at the bound, and at the bound nothing more is recorded.
    rule.sensitivity = SENSITIVITY_MAX - 0.2
    rule.save()
    for start in (100, 200):
        for alert in _spike_alerts(rule, SENSITIVITY_MARKS, start=start):
            alert_feedback_set(alert=alert, user=monitor, useful=False)
    assert AlertRule.objects.get().sensitivity == SENSITIVITY_MAX
    assert SensitivityChange.objects.filter(new_k=SENSITIVITY_MAX).count() == 1


def test_unanimous_useful_marks_lower_k_slowly_and_split_alerts_do_not_count(monitor):
    other = User.objects.get(username="lanhdao")
    rule = AlertRuleFactory(kind=AlertKind.SPIKE, sensitivity=SENSITIVITY_MIN + 0.1)
    alerts = _spike_alerts(rule, SENSITIVITY_MARKS + 1)
    # One alert on which two people disagree is not judged either way.
    alert_feedback_set(alert=alerts[0], user=monitor, useful=True)
    alert_feedback_set(alert=alerts[0], user=other, useful=False)
    for alert in alerts[1:-1]:
        alert_feedback_set(alert=alert, user=monitor, useful=True)
    assert AlertRule.objects.get().sensitivity == SENSITIVITY_MIN + 0.1  # four judged
    alert_feedback_set(alert=alerts[-1], user=monitor, useful=True)
    rule.refresh_from_db()
    assert rule.sensitivity == SENSITIVITY_MIN  # a step of 0.25 would pass the floor
    assert SENSITIVITY_STEP_DOWN < SENSITIVITY_STEP_UP
    [change] = SensitivityChange.objects.all()
    assert change.useful == 5 and change.not_useful == 0 and "Cả 5" in change.reason
    # 4 useful + 1 noisy is neither "mostly noisy" nor "all useful": k stays.
    more = _spike_alerts(rule, SENSITIVITY_MARKS, start=50)
    for alert, useful in zip(more, [True, True, False, True, True], strict=True):
        alert_feedback_set(alert=alert, user=monitor, useful=useful)
    assert SensitivityChange.objects.count() == 1


def test_marking_from_the_inbox_counts_on_the_rule_list_and_the_rule_page_undoes(client, monitor):
    rule = AlertRuleFactory(kind=AlertKind.SPIKE, sensitivity=3.0, name="Tăng đột biến chung")
    alerts = _spike_alerts(rule, SENSITIVITY_MARKS)
    client.force_login(monitor)
    inbox = reverse("insights_inbox")
    for alert in alerts:
        response = client.post(
            reverse("insights_alert_feedback", args=[alert.pk]), {"useful": "0", "next": inbox}
        )
        assert response.status_code == 302 and response.url == inbox
    assert client.post(reverse("insights_alert_feedback", args=[alerts[0].pk])).status_code == 302
    page = client.get(inbox).content.decode()
    assert 'data-my-mark="not_useful"' in page and "Không hữu ích (1)" in page
    rules = client.get(reverse("insights_alertrule:index"))
    [listed] = [r for r in rules.context["object_list"] if r.pk == rule.pk]
    assert (listed.useful_marks, listed.not_useful_marks) == (0, 5)
    detail = client.get(reverse("insights_alertrule:inspect", args=[rule.pk])).content.decode()
    change = SensitivityChange.objects.get()
    assert "data-sensitivity-history" in detail and f'data-undo="{change.pk}"' in detail
    assert "5 trong 5 cảnh báo" in detail
    client.post(reverse("insights_sensitivity_undo", args=[change.pk]))
    assert AlertRule.objects.get().sensitivity == 3.0
    again = client.get(reverse("insights_alertrule:inspect", args=[rule.pk])).content.decode()
    assert "data-undo=" not in again and "Hoàn tác: đưa k từ 3,5 về lại 3." in again


def test_a_large_baseline_is_sampled_and_keeps_its_shares():
    everyday, new = Source(pk=1, name="Báo Thường Ngày"), Source(pk=2, name="Tin Nhanh")

    def item(pk, title, source):
        made = Item(pk=pk, title=title, language="vi", source_id=source.pk)
        made.source = source
        return made

    # One baseline item in ten is about rain; every item of the window is.
    baseline = [item(n, "mưa lớn" if n % 10 == 0 else "chợ phiên", everyday) for n in range(12000)]
    window = [item(10**6 + n, "mưa lớn kéo dài", new) for n in range(20)]
    explanation = spike_explain(window, baseline, drill={})
    assert explanation["baseline_items"] == 12000
    assert explanation["baseline_sampled"] == BASELINE_SAMPLE
    [rain] = [entry for entry in explanation["terms"] if entry["label"] == "mưa"]
    # A sample of 5,000 estimates a 10 % share within ±1.3 points (three standard errors).
    assert rain["share"] == 100 and rain["baseline_share"] == pytest.approx(10, abs=1.3)
    assert rain["extra"] == pytest.approx(20 - 20 * rain["baseline_share"] / 100, abs=0.1)
    assert [entry["label"] for entry in explanation["sources"]] == ["Tin Nhanh"]
