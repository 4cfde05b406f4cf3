"""Content, never people: a social post keeps no account handle — not in its URL, its text, the
raw copy, the search index, the exports or the API — and the original link is opened only through
a permission-checked redirect that writes an audit entry."""

import io
import json
import zlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from wagtail.models import APIToken, ModelLogEntry

from lantoa.core.models import User
from lantoa.monitoring import demo
from lantoa.monitoring.constants import SourceKind
from lantoa.monitoring.models import Item, RawResponse, Source
from lantoa.monitoring.privacy import (
    pseudonymise,
    seal,
    text_pseudonymise,
    unseal,
    url_pseudonymise,
)
from lantoa.monitoring.search.services import items_index
from lantoa.monitoring.services import ORIGINAL_OPEN, item_create, items_pseudonymise, posts_import
from lantoa.monitoring.urlnorm import url_hash

from .factories import SourceFactory

# (URL as shared, what identifies a person in it, what must stay)
SHAPES = [
    ("https://www.facebook.com/an.nguyen/posts/pfbid02abc123", "an.nguyen", "/posts/pfbid02abc123"),
    ("https://www.facebook.com/profile.php?id=100012345678", "100012345678", "profile.php?id=tg-"),
    (
        "https://www.facebook.com/permalink.php?story_fbid=987654321&id=100012345678",
        "100012345678",
        "story_fbid=987654321",
    ),
    ("https://m.facebook.com/an.nguyen/videos/1234567890/", "an.nguyen", "/videos/1234567890/"),
    ("https://www.facebook.com/people/An-Nguyen/100012345678/", "100012345678", "/people/tg-"),
    ("https://www.tiktok.com/@an.nguyen/video/7301234567890123456", "an.nguyen", "/video/73012"),
    ("https://www.youtube.com/@hoanguyen.vlog/videos", "hoanguyen", "youtube.com/@tg-"),
    ("https://www.youtube.com/channel/UCa1b2c3d4e5f6g7h8i9j0kL", "UCa1b2c3d4e5", "/channel/tg-"),
    ("https://www.youtube.com/user/hoanguyen1990", "hoanguyen1990", "/user/tg-"),
    (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&ab_channel=HoaNguyen",
        "HoaNguyen",
        "watch?v=dQw4w9WgXcQ",
    ),
    ("https://x.com/an_nguyen90/status/1790000000000000000", "an_nguyen90", "/status/1790000"),
    ("https://twitter.com/an_nguyen90/status/1790000000000000000", "an_nguyen90", "/status/"),
    ("https://zalo.me/0905123456", "0905123456", "zalo.me/tg-"),
    ("https://zalo.me/4123456789012345678", "4123456789012345678", "zalo.me/tg-"),
    ("https://t.me/an_nguyen90/42", "an_nguyen90", "/42"),
    ("https://t.me/s/kenhtintuc/1234", "kenhtintuc", "/s/tg-"),
]


@pytest.mark.parametrize(("url", "handle", "kept"), SHAPES)
def test_the_person_in_a_real_social_url_is_replaced_by_a_pseudonym(url, handle, kept):
    result = url_pseudonymise(url)
    assert handle.casefold() not in result.casefold()
    assert kept in result and "tg-" in result
    assert url_pseudonymise(result) == result  # idempotent: a pseudonym is not hashed again
    assert url_hash(result) == url_hash(url_pseudonymise(url))  # stable: dedup still works


@pytest.mark.parametrize(
    "url",
    [
        "https://fb.watch/nKx3Yz1AbC/",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://twitter.com/i/web/status/1790000000000000000",
        "https://www.facebook.com/groups/123456789/posts/987654321/",
        "https://baogialai.com.vn/@tac-gia/bai-viet.html",
        "https://t.me/+AbCdEfGh",
    ],
)
def test_links_that_name_no_person_are_kept_as_they_are(url):
    assert url_pseudonymise(url) == url


def test_mentions_and_social_links_in_text_are_pseudonymised_but_e_mail_redaction_stays():
    text = (
        "Cảm ơn @hoa.tran và @minh_le. Xem https://www.tiktok.com/@an.nguyen/video/1 nhé; "
        "liên hệ [email đã ẩn]."
    )
    result = text_pseudonymise(text)
    assert "hoa.tran" not in result and "minh_le" not in result and "an.nguyen" not in result
    assert f"@{pseudonymise('@hoa.tran')} và @{pseudonymise('@minh_le')}." in result
    assert "/video/1 nhé" in result and "[email đã ẩn]" in result
    assert text_pseudonymise(result) == result


def test_a_sealed_link_opens_only_with_the_same_salt(settings):
    token = seal("https://www.tiktok.com/@an.nguyen/video/1")
    assert "an.nguyen" not in token
    assert unseal(token) == "https://www.tiktok.com/@an.nguyen/video/1"
    settings.LANTOA_PSEUDONYM_SALT = "một muối khác"
    assert unseal(token) == ""


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _fts_text(item_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM search_item_fts WHERE rowid = %s", [item_id])
        return " ".join(str(value) for value in cursor.fetchone())


@pytest.mark.django_db
def test_an_imported_post_keeps_no_handle_anywhere_and_its_original_opens_only_for_the_allowed(
    client, demo_ward, demo_password
):
    demo.load(log=lambda message: None)
    source = Source.objects.get(kind=SourceKind.SOCIAL_IMPORT)
    data = (
        "noi_dung,tai_khoan,link\n"
        '"Bãi biển Quy Nhơn sạch đẹp, cảm ơn @hoa.tran đã chia sẻ",@an.nguyen,'
        "https://www.tiktok.com/@an.nguyen/video/7301234567890123456\n"
    ).encode()
    run = posts_import(
        source_id=source.pk,
        data=data,
        filename="bai.csv",
        mapping={"text": "noi_dung", "author": "tai_khoan", "url": "link"},
    )
    item = Item.objects.get(poll_run=run)
    assert item.author_pseudonym == "tg-102658583b36" == pseudonymise("@an.nguyen")
    assert item.url == "https://www.tiktok.com/@tg-102658583b36/video/7301234567890123456"
    raw = RawResponse.objects.get(poll_run=run)
    assert b"an.nguyen" not in raw.body and b"hoa.tran" not in raw.body
    for handle in ("an.nguyen", "hoa.tran"):
        assert handle not in item.url + item.title + item.summary + item.text
        assert handle not in _fts_text(item.pk)

    assert client.login(username="xaydungdang", password=demo_password)  # leader and monitor
    export = client.get(reverse("wagtailsnippets_monitoring_item:list") + "?export=csv")
    exported = _body(export)
    assert b"tg-102658583b36/video" in exported and b"an.nguyen" not in exported
    inspect = client.get(reverse("wagtailsnippets_monitoring_item:inspect", args=[item.pk]))
    assert b"an.nguyen" not in inspect.content
    assert reverse("monitoring_tools:original", args=[item.pk]).encode() not in inspect.content
    denied = client.get(reverse("monitoring_tools:original", args=[item.pk]))
    assert denied.status_code in (302, 403) and "tiktok" not in denied.get("Location", "")
    assert not ModelLogEntry.objects.filter(action=ORIGINAL_OPEN).exists()

    assert client.login(username="theodoi", password=demo_password)  # rapid-response team
    inspect = client.get(reverse("wagtailsnippets_monitoring_item:inspect", args=[item.pk]))
    assert reverse("monitoring_tools:original", args=[item.pk]).encode() in inspect.content
    opened = client.get(reverse("monitoring_tools:original", args=[item.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == "https://www.tiktok.com/@an.nguyen/video/7301234567890123456"
    entry = ModelLogEntry.objects.get(action=ORIGINAL_OPEN, object_id=str(item.pk))
    assert entry.user.username == "theodoi" and "an.nguyen" not in json.dumps(entry.data)
    history = client.get(reverse("wagtailsnippets_monitoring_item:history", args=[item.pk]))
    assert "Đã mở đường dẫn gốc của bài đăng" in history.content.decode()


@pytest.mark.django_db
def test_the_api_and_the_search_export_give_the_pseudonymised_post(client, demo_ward):
    demo.load(log=lambda message: None)
    source = Source.objects.get(kind=SourceKind.SOCIAL_IMPORT)
    data = json.dumps(
        [{"body": "Lễ hội Quy Nhơn, @hoa.tran ơi", "link": "https://t.me/an_nguyen90/42"}]
    ).encode()
    run = posts_import(
        source_id=source.pk, data=data, filename="p.json", mapping={"text": "body", "url": "link"}
    )
    item = Item.objects.get(poll_run=run)
    _token, key = APIToken.create_token(user=User.objects.get(username="theodoi"), name="t")
    headers = {"Authorization": f"Bearer {key}"}
    detail = client.get(f"/api/items/{item.pk}", headers=headers)
    found = client.get("/api/items", {"q": "quy nhon"}, headers=headers)
    client.force_login(User.objects.get(username="theodoi"))
    export = client.get(reverse("search_items_export", args=["csv"]), {"q": "quy nhon"})
    for response in (detail, found, export):
        assert response.status_code == 200
        body = _body(response).decode()
        assert "t.me/tg-" in body
        assert "an_nguyen90" not in body and "hoa.tran" not in body


@pytest.mark.django_db
def test_a_social_url_typed_in_the_admin_is_stored_pseudonymised():
    source = SourceFactory(kind=SourceKind.MANUAL, url="")
    item = item_create(
        source_id=source.pk,
        title="Bài đăng của @an.nguyen về lễ hội",
        url="https://x.com/an_nguyen90/status/1790000000000000000",
    )
    assert item.url == f"https://x.com/{pseudonymise('an_nguyen90')}/status/1790000000000000000"
    assert "an.nguyen" not in item.title
    assert unseal(item.original_url_sealed).endswith("/an_nguyen90/status/1790000000000000000")


@pytest.mark.django_db
def test_posts_stored_before_the_upgrade_are_rewritten_by_the_command():
    source = SourceFactory(kind=SourceKind.SOCIAL_IMPORT, url="")
    old_url = "https://www.facebook.com/an.nguyen/posts/pfbid02abc123"
    item = Item.objects.create(
        source=source,
        url=old_url,
        url_hash=url_hash(old_url),
        title="Bài của @an.nguyen",
        text="Gửi @hoa.tran: lễ hội đẹp quá",
        author_pseudonym=pseudonymise("an.nguyen"),
    )
    items_index(item_ids=[item.pk])
    posts = [{"url": old_url, "title": item.title, "text": item.text, "author": "tg-x"}]
    body = json.dumps(posts, ensure_ascii=False).encode()
    RawResponse.objects.create(
        source=source, url="file:cu.json", body_compressed=zlib.compress(body), size=len(body)
    )
    out = io.StringIO()
    call_command("pseudonymise_posts", stdout=out)
    assert "Tin đã viết lại: 1; bản gốc đã viết lại: 1" in out.getvalue()
    item.refresh_from_db()
    assert item.url == url_pseudonymise(old_url) and item.url_hash == url_hash(item.url)
    assert unseal(item.original_url_sealed) == old_url
    for handle in ("an.nguyen", "hoa.tran"):
        assert handle not in item.url + item.title + item.text
        assert handle not in _fts_text(item.pk)
        assert handle.encode() not in RawResponse.objects.get().body
    assert items_pseudonymise() == {"items": 0, "raw": 0, "conflicts": 0}
