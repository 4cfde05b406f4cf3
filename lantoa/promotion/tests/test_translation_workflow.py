"""The translation workflow and the rules before publication: the status board with the
segments changed since the last sync, re-sync keeping human translations, machine translation
from a provider served on 127.0.0.1 (a draft until a person approves it), the official
terminology glossary, library rights, and leader approval for international issues."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation

from lantoa.promotion.constants import LEADER_WORKFLOW_NAME, AssetScope, TranslationStatus
from lantoa.promotion.models import (
    ArticlePage,
    MediaAsset,
    NewsIndexPage,
    OfficialTerm,
    Theme,
    ThemePage,
)
from lantoa.promotion.publishing import glossary_problems
from lantoa.promotion.schedules import SCHEDULES
from lantoa.promotion.selectors import assets_expiring, translation_status
from lantoa.promotion.services import (
    library_rights_warn,
    page_translate,
    translation_approve,
    translation_sync,
)

pytestmark = pytest.mark.django_db


class FakeLibreTranslate(BaseHTTPRequestHandler):
    """LibreTranslate's POST /translate: each text comes back prefixed with its target code."""

    requests: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLibreTranslate.requests.append(body)
        texts = [f"[{body['target']}] {text}" for text in body["q"]]
        data = json.dumps({"translatedText": texts}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def machine_provider(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": f"http://127.0.0.1:{server.server_port}",
            "API_KEY": "test",
            "TIMEOUT": 5,
        },
    }
    FakeLibreTranslate.requests = []
    yield FakeLibreTranslate
    server.shutdown()


@pytest.fixture
def editor(promotion_demo, client):
    from lantoa.core.models import User

    user = User.objects.get(username="bientap")
    client.force_login(user)
    return user


def _english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def test_resync_keeps_human_translations_and_the_board_lists_changed_segments(editor, client):
    article = ArticlePage.objects.get(slug="ra-mat-trang-thong-tin-da-ngon-ngu")
    english_before = _english(article)
    vi = Locale.objects.get(language_code="vi")
    assert translation_status(source=article, locale=english_before.locale).status == "up_to_date"

    # The Vietnamese source changes one paragraph of two and is published again.
    draft = article.get_latest_revision_as_object()
    first, second = draft.body[0].value.source, draft.body[1].value.source
    draft.body[1] = ("paragraph", RichText("<p>Trang có thêm bản đồ các địa danh.</p>"))
    draft.save_revision().publish()
    article.refresh_from_db()
    cell = translation_status(source=article, locale=english_before.locale)
    assert cell.status == TranslationStatus.OUT_OF_DATE
    assert cell.changed == ("Trang có thêm bản đồ các địa danh.",)
    html = client.get("/admin/promotion/translations/?status=out_of_date").content.decode()
    assert 'data-changed="1"' in html and "Trang có thêm bản đồ các địa danh." in html
    assert first and second and article.locale == vi

    # Bulk "sync" from the board: the unchanged paragraph keeps its English, the new one waits.
    response = client.post(
        "/admin/promotion/translations/", {"action": "sync", "cell": f"{article.pk}:en"}
    )
    assert response.status_code == 302
    cell = translation_status(source=article, locale=english_before.locale)
    assert cell.status == TranslationStatus.IN_PROGRESS
    total, done = cell.progress
    assert done == total - 1
    draft_en = _english(article).get_latest_revision_as_object()
    texts = [block.value.source for block in draft_en.body]
    assert any("The new site introduces" in text for text in texts)  # human translation kept
    assert any("bản đồ" in text for text in texts)  # the changed segment shows the source
    assert _english(article).live  # the live English page is untouched until published


def test_machine_translation_is_a_draft_until_approved_and_follows_the_glossary(
    editor, client, machine_provider
):
    news = NewsIndexPage.objects.get(locale__language_code="vi")
    theme_page = ThemePage.objects.get(slug="con-nguoi-quy-nhon")
    cells = [f"{news.pk}:fr", f"{theme_page.pk}:fr"]
    client.post("/admin/promotion/translations/", {"action": "translate", "cell": cells})
    assert machine_provider.requests and machine_provider.requests[0]["target"] == "fr"
    fr = Locale.objects.get(language_code="fr")
    cell = translation_status(source=news, locale=fr)
    assert cell.status == TranslationStatus.MACHINE_DRAFT
    french = news.get_translation(fr)
    assert french.get_latest_revision_as_object().title == "[fr] Tin tức"
    assert StringTranslation.objects.filter(locale=fr, translation_type="machine").exists()

    # Approving publishes the news index; the theme page breaks the glossary ("Quy Nhơn" left
    # as it is instead of "Quy Nhon") and is refused, with the segment's expected term shown.
    response = client.post(
        "/admin/promotion/translations/", {"action": "approve", "cell": cells}, follow=True
    )
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "«Quy Nhơn» phải viết là «Quy Nhon»" in shown
    french.refresh_from_db()
    assert french.live and french.title == "[fr] Tin tức"
    assert translation_status(source=news, locale=fr).status == TranslationStatus.UP_TO_DATE
    refused = translation_status(source=theme_page, locale=fr)
    assert refused.status == TranslationStatus.MACHINE_DRAFT  # nothing half-saved
    assert not theme_page.get_translation(fr).live or (
        "[fr]" not in theme_page.get_translation(fr).title
    )


def test_glossary_blocks_a_wrong_fixed_name_and_names_the_segment(editor):
    page = ThemePage.objects.get(slug="tiem-nang-dau-tu")
    english = _english(page)
    assert glossary_problems(english) == []
    vi_text = (
        "Nhà đầu tư có thể liên hệ Ủy ban nhân dân phường để được giới thiệu thông tin, thủ tục."
    )
    with pytest.raises(ValidationError) as refused:
        page_translate(
            page=page,
            language_code="en",
            strings={vi_text: "Investors can contact the ward council for information."},
        )
    assert "«Ủy ban nhân dân phường» phải viết là «ward People's Committee»" in str(refused.value)
    english.refresh_from_db()
    assert "People's Committee" in str(english.body.raw_data)  # the live page unchanged
    # The editor of the glossary can add a term; it applies at once.
    OfficialTerm.objects.filter(vi="Quy Nhơn").update(en="Qui Nhon")
    assert any(p.expected == "Qui Nhon" for p in glossary_problems(_english(page)))


def test_library_rights_block_publication_and_the_weekly_list_warns(editor):
    article = ArticlePage.objects.get(slug="thanh-nien-lam-sach-bo-bien")
    asset = MediaAsset.objects.get(image=article.cover)
    today = timezone.localdate()
    editor.email = "bientap@example.org"
    editor.save()

    asset.rights_expire_on = today + timedelta(days=10)
    asset.save()
    assert [a for a, pages in assets_expiring(today=today)] == [asset]
    assert library_rights_warn(today=today) == 1
    assert asset.title in mail.outbox[-1].body and "sắp hết quyền" in mail.outbox[-1].body
    assert any(s.task.endswith("library_rights_weekly_task") for s in SCHEDULES)

    asset.rights_expire_on = today - timedelta(days=1)
    asset.save()
    with pytest.raises(ValidationError, match="đã hết quyền sử dụng"):
        article.save_revision().publish()
    asset.rights_expire_on = None
    asset.scope = AssetScope.PRINT
    asset.save()
    with pytest.raises(ValidationError, match="không được đăng trên trang thông tin"):
        article.save_revision().publish()
    asset.scope = AssetScope.ALL
    asset.save()
    article.save_revision().publish()
    # An image uploaded straight to Wagtail, with no library record, has no known rights.
    asset.delete()
    with pytest.raises(ValidationError, match="chưa có trong kho tư liệu") as refused:
        article.save_revision().publish()
    assert article.cover.title in str(refused.value)


def test_international_issues_go_to_the_leaders_and_themes_cover_the_plan(editor):
    from lantoa.promotion.constants import ThemeCode

    news = NewsIndexPage.objects.get(locale__language_code="vi")
    international = Theme.objects.get(code=ThemeCode.INTERNATIONAL_ISSUES)
    page = news.add_child(
        instance=ArticlePage(title="Biển Đông và luật pháp quốc tế", theme=international)
    )
    assert page.get_workflow().name == LEADER_WORKFLOW_NAME
    local = ArticlePage.objects.get(slug="thanh-nien-lam-sach-bo-bien")
    workflow = local.get_workflow()
    assert workflow is None or workflow.name != LEADER_WORKFLOW_NAME
    # Every content group of III.3.1 has a theme in the library.
    codes = set(Theme.objects.values_list("code", flat=True))
    assert {
        "history",
        "culture",
        "people",
        "renewal",
        "socialism",
        "party-role",
        "contributions",
        "ho-chi-minh",
        "foreign-policy",
        "world-knowledge",
        "international-issues",
        "tourism",
        "investment",
    } <= codes


def test_approve_refuses_without_translation(editor):
    page = ThemePage.objects.get(slug="con-nguoi-quy-nhon")
    from lantoa.promotion.services import TranslationError

    with pytest.raises(TranslationError):
        translation_approve(page=page, language_code="ko", user=editor)
    translation_sync(page=page, language_code="ko", user=editor)
    ko = Locale.objects.get(language_code="ko")
    assert translation_status(source=page, locale=ko).status == TranslationStatus.IN_PROGRESS
