"""The annual-report section and the demo loader."""

import pytest
from django.utils import timezone

from lantoa.core.reporting import ReportContext, collect_sections
from lantoa.responses import selectors
from lantoa.responses.models import Case, ClarificationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(site, on_demo_day):
    from lantoa.responses import demo

    lines = []
    demo.load(log=lines.append)
    return lines


def test_demo_is_idempotent_and_publishes_one_clarification(demo, client):
    from lantoa.responses import demo as demo_module

    count = Case.objects.count()
    demo_module.load(log=lambda line: None)
    assert Case.objects.count() == count == 4
    assert all(case.claim.startswith("[Demo]") for case in Case.objects.all())
    page = ClarificationPage.objects.live().get(locale__language_code="vi")
    html = client.get(page.url).content.decode()
    assert "ClaimReview" in html and "Đây là bản làm rõ minh họa" in html
    # Translated into the five other site languages, each with its own ClaimReview language.
    translations = ClarificationPage.objects.live().exclude(pk=page.pk)
    assert sorted(t.locale.language_code for t in translations) == [
        "en",
        "fr",
        "ja",
        "ko",
        "zh-hans",
    ]
    french = client.get(translations.get(locale__language_code="fr").url).content.decode()
    assert '"inLanguage": "fr"' in french and "La baignade du matin" in french
    published = Case.objects.get(state="published")
    assert published.published_on_time and published.channels.count() == 1


def test_report_section_figures_match_the_selectors(demo):
    year = timezone.localdate().year
    sections = {s.key: s for s in collect_sections(ReportContext.for_year(year))}
    section = sections["responses"]
    context = ReportContext.for_year(year)
    cases = list(selectors.cases_in_period(context.start, context.end))
    figures = selectors.timeliness(cases)
    assert section.figures["cases"] == len(cases) == 4
    assert section.figures["published"] == 1
    assert section.figures["not_applicable"] == 1
    assert section.figures["on_time"] == figures.on_time == 1
    assert section.figures["publish_median_hours"] == pytest.approx(figures.publish_median_h)
    assert section.figures["state_verifying"] == 1
    assert [t.title for t in section.tables] == ["Theo mức độ", "Theo tháng", "Theo chủ đề"]
    assert "4 vụ việc" in section.paragraphs[0]


def test_report_section_of_an_empty_year(db):
    section = {s.key: s for s in collect_sections(ReportContext.for_year(2001))}["responses"]
    assert section.figures["cases"] == 0 and "on_time_share" not in section.figures


def test_demo_case_has_recurrences_before_and_after_its_clarification(demo):
    from lantoa.responses.selectors.effect import case_effect

    case = Case.objects.get(published_at__isnull=False)
    effect = case_effect(case)
    assert effect.change.before >= 8 and effect.change.after >= 2, effect.change
    assert effect.change.enough and effect.change.ratio < 1
    languages = set(case.recurrences.values_list("item__language", flat=True))
    assert languages == {"vi", "en"}
    assert "lần thông tin xuất hiện lại" in demo[-1]
