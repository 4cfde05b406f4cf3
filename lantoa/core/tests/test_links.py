"""One rule for stored links, everywhere: http:// and https:// only.

The validator, every model field that stores a URL, the forms, the services behind the API, the
StreamField video block, the upgrade that neutralises links stored before the rule, and the
template filter and tag through which a stored URL becomes a link. (The API's 422 answers are in
responses/tests/test_api.py, the clicks in a real browser in test_links_browser.py.)
"""

import importlib
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import modelform_factory
from django.template import Context, Template
from django.utils import timezone

from lantoa.core.fields import WebURLField
from lantoa.core.link_migration import neutralise_hostile_links
from lantoa.core.validators import (
    is_safe_href,
    is_web_url,
    validate_emails_or_web_url,
    validate_web_url,
)

from .hostile_links import HOSTILE_LINKS

GOOD = [
    "https://baogialai.com.vn/tin/le-hoi.html",
    "http://127.0.0.1:8123/feed.xml",
    "HTTPS://QUYNHON.GIALAI.GOV.VN/",
    "https://xn--quynhn-hya.vn/bai?id=1&lang=vi#muc-2",
]
REFUSED = [*HOSTILE_LINKS, "ftp://example.vn/tep", "mailto:vanphong@example.vn", "//example.vn/x"]
REFUSED += ["/documents/1/ban.pdf", "baogialai.com.vn", " https://example.vn/"]


@pytest.mark.parametrize("url", GOOD)
def test_absolute_http_and_https_addresses_are_web_urls(url):
    assert is_web_url(url) and is_safe_href(url)
    validate_web_url(url)


@pytest.mark.parametrize("url", REFUSED)
def test_anything_else_is_refused_with_a_vietnamese_message(url):
    assert not is_web_url(url)
    with pytest.raises(ValidationError) as refused:
        validate_web_url(url)
    assert "chỉ nhận địa chỉ web bắt đầu bằng http:// hoặc https://" in refused.value.messages[0]


@pytest.mark.parametrize("url", ["https://", "http://không phải url", "https://a b.vn/"])
def test_a_malformed_web_address_gets_djangos_own_message(url):
    with pytest.raises(ValidationError) as refused:
        validate_web_url(url)
    assert refused.value.messages == ["Nhập một URL hợp lệ."]


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_no_hostile_link_may_become_an_href(url):
    assert not is_safe_href(url)


def test_a_path_on_this_site_may_be_an_href_but_not_a_protocol_relative_or_backslash_one():
    assert is_safe_href("/documents/1/cong-van.pdf")
    assert not is_safe_href("//evil.example/x")
    assert not is_safe_href("/\\evil.example/x")
    assert not is_safe_href("https://example.vn/a b")  # whitespace anywhere


def _lantoa_models():
    return [model for model in apps.get_models() if model.__module__.startswith("lantoa.")]


def test_every_stored_url_field_uses_the_one_validator():
    url_fields = []
    for model in _lantoa_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.URLField) or (
                isinstance(field, models.CharField | models.TextField)
                and re.search(r"(^|_)url$", field.name)
            ):
                url_fields.append(f"{model._meta.label}.{field.name}")
                assert isinstance(field, WebURLField), f"{model._meta.label}.{field.name}"
                assert validate_web_url in field.validators
    # The fields named in issue #17 are all among them.
    assert {
        "responses.Evidence.url",
        "responses.ResponseChannel.url",
        "responses.Appearance.url",
        "monitoring.Source.url",
        "monitoring.Item.url",
        "promotion.ChannelPost.url",
        "promotion.MediaAsset.video_url",
    } <= set(url_fields)


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_model_fields_and_their_admin_forms_refuse_hostile_links(url):
    from lantoa.promotion.models import ChannelPost, MediaAsset

    for model, name in [(ChannelPost, "url"), (MediaAsset, "video_url")]:
        with pytest.raises(ValidationError) as refused:
            model._meta.get_field(name).clean(url, None)
        assert "http:// hoặc https://" in refused.value.messages[0]
        # (The form puts https:// before what has no valid scheme, "\x01javascript:" included,
        # and refuses the result as a malformed address.)
        form = modelform_factory(model, fields=[name])(data={name: url})
        assert not form.is_valid() and name in form.errors, (model, form.errors)


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_staff_forms_refuse_hostile_links(url):
    from lantoa.monitoring.admin.forms import UrlSubmitForm
    from lantoa.responses.admin.forms import ChannelForm, EvidenceForm

    today = date.today().isoformat()
    forms = [
        UrlSubmitForm(data={"url": url}),
        EvidenceForm(
            data={"kind": "link", "title": "Công văn", "source": "UBND", "date": today, "url": url}
        ),
        ChannelForm(data={"kind": "office_site", "date": today, "url": url}),
    ]
    for form in forms:
        assert not form.is_valid() and "url" in form.errors, type(form).__name__


def test_a_form_still_completes_a_bare_host_with_https():
    from lantoa.responses.admin.forms import ChannelForm

    form = ChannelForm(
        data={"kind": "office_site", "date": date.today().isoformat(), "url": "quynhon.gov.vn/a"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://quynhon.gov.vn/a"


def test_alert_targets_take_e_mail_addresses_or_one_web_address():
    validate_emails_or_web_url("vanphong@example.vn, lanhdao@example.vn")
    validate_emails_or_web_url("https://hooks.example.vn/lantoa")
    for hostile in [*HOSTILE_LINKS, "mailto:vanphong@example.vn", "vanphong@example.vn, ftp://x"]:
        with pytest.raises(ValidationError):
            validate_emails_or_web_url(hostile)


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_the_video_block_refuses_hostile_links(url):
    from wagtail.blocks import StreamBlockValidationError
    from wagtail.blocks.struct_block import StructBlockValidationError

    from lantoa.promotion.blocks import VideoBlock

    block = VideoBlock()
    with pytest.raises((StructBlockValidationError, StreamBlockValidationError)):
        block.clean(block.to_python({"url": url, "title": "Lễ hội"}))


@pytest.mark.django_db
def test_services_refuse_hostile_links_and_save_nothing(demo_ward):
    from lantoa.core.models import User
    from lantoa.monitoring.models import Source
    from lantoa.monitoring.services import source_create, url_submit
    from lantoa.promotion.models import ChannelPost
    from lantoa.promotion.services import channel_post_record
    from lantoa.responses import services as responses
    from lantoa.responses.models import Case
    from lantoa.responses.services import AppearanceSpec, CaseError

    user = User.objects.get(username="theodoi")
    case = responses.case_open(claim="Tin đồn thu phí bãi biển", user=user, description="x")
    for url in HOSTILE_LINKS:
        with pytest.raises(CaseError):
            responses.evidence_add(
                case=case, user=user, kind="link", title="T", source="S", date=date.today(), url=url
            )
        with pytest.raises(CaseError):
            responses.channel_add(
                case=case, user=user, kind="office_site", date=date.today(), url=url
            )
        with pytest.raises(CaseError):
            responses.appearance_add(case=case, user=user, url=url, appeared_at=timezone.now())
        with pytest.raises(CaseError):
            responses.case_open(
                claim="Tin đồn khác",
                user=user,
                appearances=[AppearanceSpec(url, timezone.now())],
            )
        with pytest.raises(ValueError):
            source_create(url=url, name="Nguồn")
        with pytest.raises(ValueError):
            url_submit(url=url)
        with pytest.raises(ValidationError):
            channel_post_record(
                channel="facebook", language="vi", url=url, posted_at=timezone.now()
            )
    assert Case.objects.count() == 1
    assert not case.evidence.exists() and not case.channels.exists()
    assert not case.appearances.exists()
    assert not Source.objects.exists() and not ChannelPost.objects.exists()


def _render(template: str, **context) -> str:
    return Template("{% load safe_links %}" + template).render(Context(context))


@pytest.mark.parametrize("url", HOSTILE_LINKS)
def test_the_filter_and_the_tag_never_make_a_hostile_link(url):
    assert _render('<a href="{{ url|safe_href }}">x</a>', url=url) == '<a href="#">x</a>'
    html = _render("{% safe_link url 'Bài báo' %}", url=url)
    assert "<a" not in html and "href" not in html and "Bài báo" in html
    html = _render("{% safe_link url %}", url=url)  # the URL itself, as escaped text
    assert "<a" not in html and "<script>" not in html


def test_the_filter_and_the_tag_keep_web_links_and_escape_them():
    url = 'https://example.vn/?q="><script>'
    assert _render('<a href="{{ url|safe_href }}">', url=url) == (
        '<a href="https://example.vn/?q=&quot;&gt;&lt;script&gt;">'
    )
    assert _render("{% safe_link url text %}", url="https://example.vn/a", text="Bài <b>") == (
        '<a href="https://example.vn/a" rel="noopener noreferrer nofollow">Bài &lt;b&gt;</a>'
    )
    assert _render("{% safe_link url 'Tiêu đề' %}", url="") == "Tiêu đề"


# URLs a template may put in an href as they are: built by Lantoa itself (reverse(), page URLs,
# query strings of the same view), never typed by a person or read from a feed.
BUILT_URLS = {
    "export_csv",
    "export_xlsx",
    "save_url",
    "f.url",
    "prev_url",
    "next_url",
    "count.url",
    "feed_url",
    "ical_url",
    "alt.url",
    "canonical",
    "x_default.url",
    "case.clarification.url",
    "tab.url",
    "value.url",  # a library document's own serve address (Wagtail's document link)
    "claimreview_url",  # the index page's own route (RoutablePageMixin.reverse_subpage)
    "effect.links.before",  # admin list addresses built by responses.selectors.effect
    "effect.links.after",
    "recurrences_url",
    "entry.path",  # a spike explanation's drill-down: reverse() of the item list, in code
    "x.path",
    "backtest_history_url",  # reverse() of the backtest history page
    "url",  # the user guide's chapter addresses, from reverse()
    "view.total_url",  # the international view's drill-down links, from reverse() + filters
    "row.url",
    "t.url",
}


def test_templates_make_stored_urls_links_only_through_safe_href():
    root = Path(__file__).resolve().parents[2]
    unvetted = []
    for template in root.rglob("templates/**/*.html"):
        for variable in re.findall(r"""href=["']?\{\{\s*([^}]+?)\s*\}\}""", template.read_text()):
            if not variable.endswith("|safe_href") and variable not in BUILT_URLS:
                unvetted.append(f"{template.relative_to(root)}: {variable}")
    assert unvetted == []


def _migration(app: str, name: str):
    return importlib.import_module(f"lantoa.{app}.migrations.{name}")


@pytest.mark.django_db
def test_the_upgrade_blanks_hostile_links_and_notes_what_was_removed(demo_ward):
    from lantoa.core.models import User
    from lantoa.insights.models import AlertRule
    from lantoa.monitoring.models import Source
    from lantoa.promotion.models import ChannelPost
    from lantoa.responses import services as responses
    from lantoa.responses.models import Appearance, Evidence, ResponseChannel

    user = User.objects.get(username="theodoi")
    case = responses.case_open(claim="Tin đồn", user=user, description="x")
    good = "https://baogialai.com.vn/bai"
    # Rows as the old API stored them: the hostile text went straight into the column.
    for n, url in enumerate([good, *HOSTILE_LINKS]):
        Appearance.objects.create(case=case, url=url, appeared_at=timezone.now(), outlet=f"B{n}")
        Evidence.objects.create(
            case=case, kind="link", title=f"E{n}", source="S", date=date.today(), url=url
        )
        ResponseChannel.objects.create(case=case, kind="office_site", date=date.today(), url=url)
        ChannelPost.objects.create(
            channel="facebook",
            language="vi",
            url=url if n else good,
            posted_at=datetime(2026, 1, 1, tzinfo=timezone.get_current_timezone()),
            title=f"P{n}",
        )
    Source.objects.create(kind="feed", url="javascript:alert(1)", name="Nguồn", outlet_type="x")
    kept = AlertRule.objects.create(name="Thư", kind="match", target="a@example.vn, b@x.vn")
    hook = AlertRule.objects.create(name="Móc", kind="match", target="javascript:alert(1)")

    for app, name in [
        ("responses", "0005_links_accept_http_https_only"),
        ("promotion", "0005_links_accept_http_https_only"),
        ("monitoring", "0005_links_accept_http_https_only"),
        ("insights", "0002_links_accept_http_https_only"),
    ]:
        _migration(app, name).neutralise_links(apps, None)

    for model in (Appearance, Evidence, ResponseChannel):
        assert list(model.objects.exclude(url="").values_list("url", flat=True)) == [good]
    assert Appearance.objects.get(outlet__startswith="B1 ").outlet.startswith(
        "B1 [Đường dẫn không an toàn đã được gỡ khi nâng cấp: javascript:"
    )
    noted = Evidence.objects.get(title="E3").excerpt  # java<TAB>script: the tab shown as \t
    assert noted.startswith("[Đường dẫn không an toàn đã được gỡ khi nâng cấp: java\\tscript:")
    assert "\t" not in noted
    assert all(
        c.note.startswith("[Đường dẫn không an toàn")
        for c in ResponseChannel.objects.filter(url="")
    )
    posts = ChannelPost.objects.exclude(url=good)
    assert posts.count() == len(HOSTILE_LINKS)
    assert all(p.url == f"https://lien-ket-da-go.invalid/{p.pk}" for p in posts)
    assert all("gỡ khi nâng cấp" in p.title for p in posts)
    assert Source.objects.get().url == ""
    kept.refresh_from_db()
    hook.refresh_from_db()
    assert kept.target == "a@example.vn, b@x.vn" and hook.target == ""
    # Running it again changes nothing (an upgrade may be retried).
    assert neutralise_hostile_links(apps, "responses.Evidence", "url", note_field="excerpt") == 0
