"""The admin surface: health columns, item inspect with sanitised HTML, the two forms, the
dashboard panel, the demo data and the commands."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from lantoa.monitoring import demo
from lantoa.monitoring.constants import FetchOutcome, SourceKind
from lantoa.monitoring.models import Item, PollRun, Source, Story
from lantoa.monitoring.services import entries_ingest, source_poll

from .factories import SourceFactory, rss

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, demo_ward):
    demo.load(log=lambda message: None)
    return client


def login(client, username, demo_password):
    assert client.login(username=username, password=demo_password)
    return client


def test_demo_is_idempotent_and_fetches_nothing(demo_ward):
    demo.load(log=lambda message: None)
    counts = (Source.objects.count(), Item.objects.count(), PeriodicTask.objects.count())
    demo.load(log=lambda message: None)
    assert (Source.objects.count(), Item.objects.count(), PeriodicTask.objects.count()) == counts
    assert not Source.objects.filter(is_active=True).exclude(kind=SourceKind.MANUAL).exists()
    assert set(Item.objects.values_list("language", flat=True)) == {
        "vi", "en", "zh", "ko", "ja", "fr",
    }  # fmt: skip
    assert Item.objects.count() >= 30
    assert Story.objects.filter(item_count__gte=2).exists()
    assert PeriodicTask.objects.filter(
        task="lantoa.monitoring.tasks.sources_poll_due_task", enabled=True
    ).exists()


def test_source_list_shows_health_in_vietnamese(staff_client, demo_password, web):
    web.add("/feed", "boom", status=500)
    source = SourceFactory(url=web.url("/feed"), name="Nguồn hỏng")
    source_poll(source_id=source.pk)
    client = login(staff_client, "theodoi", demo_password)
    response = client.get(reverse("wagtailsnippets_monitoring_source:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguồn hỏng" in html and "Máy chủ của trang đang gặp lỗi (HTTP 5xx)" in html
    assert "Lỗi 7 ngày" in html and "Tin/ngày" in html
    home = client.get("/admin/").content.decode()
    assert "Tin thu thập hôm nay" in home and "Nguồn đang lỗi" in home


def test_source_activity_is_read_from_the_poll_runs(staff_client, demo_password, web):
    """The list's week figures come from the runs' own counts (not from counting items); they
    match the items the polls really stored in the week, leave out older runs and hand entries,
    and a new poll is counted at once (the cache key moves)."""
    from datetime import timedelta

    from django.utils import timezone

    from lantoa.monitoring.selectors import HEALTH_DAYS, sources_activity
    from lantoa.monitoring.services import item_create

    busy, broken, quiet = SourceFactory(), SourceFactory(), SourceFactory()
    entries_ingest(
        source=busy, entries=[{"url": f"http://a/{n}", "title": f"A{n}"} for n in range(3)]
    )
    old = entries_ingest(source=busy, entries=[{"url": "http://a/old", "title": "Cũ"}])
    PollRun.objects.filter(pk=old.pk).update(
        started_at=timezone.now() - timedelta(days=HEALTH_DAYS, hours=1)
    )
    entries_ingest(source=busy, entries=[{"url": "http://a/1", "title": "A1 lại"}])  # a duplicate
    item_create(source_id=quiet.pk, title="Nhập tay", url="http://q/1")
    web.add("/feed", "boom", status=500)
    broken.url = web.url("/feed")
    broken.save()
    source_poll(source_id=broken.pk)

    ids = [busy.pk, broken.pk, quiet.pk]
    activity = sources_activity(ids)
    week = timezone.now() - timedelta(days=HEALTH_DAYS)
    stored_in_week = Item.objects.filter(source=busy, poll_run__started_at__gte=week).count()
    assert stored_in_week == 3
    assert activity == {busy.pk: (0, 3), broken.pk: (1, 0), quiet.pk: (0, 0)}

    entries_ingest(source=busy, entries=[{"url": "http://a/new", "title": "Mới"}])
    assert sources_activity(ids)[busy.pk] == (0, 4)

    client = login(staff_client, "theodoi", demo_password)
    html = client.get(reverse("wagtailsnippets_monitoring_source:list") + "?q=").content.decode()
    assert f"{4 / HEALTH_DAYS:.1f}" in html


def test_item_inspect_sanitises_html(staff_client, demo_password):
    source = SourceFactory()
    entries_ingest(source=source, entries=[{"url": "http://x/1", "title": "Tin có mã độc"}])
    Item.objects.filter(source=source).update(
        html='<p onclick="steal()">Nội dung <script>alert(1)</script>'
        '<a href="javascript:x">x</a></p>'
    )
    item = Item.objects.get(source=source)
    client = login(staff_client, "theodoi", demo_password)
    response = client.get(reverse("wagtailsnippets_monitoring_item:inspect", args=[item.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<p>Nội dung" in html
    assert "alert(1)" not in html and "steal()" not in html and "javascript:x" not in html


def test_unit_reporter_cannot_submit(staff_client, demo_password):
    client = login(staff_client, "mttq", demo_password)
    response = client.get(reverse("monitoring_tools:submit"))
    assert response.status_code in (302, 403)


def test_manual_submit_form(staff_client, demo_password, web):
    web.add(
        "/bai",
        "<html><head><title>Bài gửi tay về Quy Nhơn</title></head><body><article>"
        + "<p>Nội dung bài viết về thành phố biển Quy Nhơn, Gia Lai và các hoạt động du lịch.</p>"
        * 5
        + "</article></body></html>",
    )
    client = login(staff_client, "theodoi", demo_password)
    response = client.post(reverse("monitoring_tools:submit"), {"url": web.url("/bai")})
    item = Item.objects.get(url=web.url("/bai"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_monitoring_item:inspect", args=[item.pk]
    )
    items = Item.objects.count()
    response = client.post(reverse("monitoring_tools:submit"), {"url": "không phải url"})
    assert response.status_code == 200
    assert "Nhập một URL hợp lệ" in response.content.decode()
    assert Item.objects.count() == items


def test_item_list_leads_to_the_pipeline_doors(staff_client, demo_password):
    submit, upload = reverse("monitoring_tools:submit"), reverse("monitoring_tools:import")
    client = login(staff_client, "theodoi", demo_password)
    html = client.get(reverse("wagtailsnippets_monitoring_item:list")).content.decode()
    assert f'href="{submit}"' in html and f'href="{upload}"' in html
    assert "Gửi đường dẫn" in html and "Nhập tệp bài đăng" in html
    assert "/admin/snippets/monitoring/item/copy/" not in html
    # A leader reads the list but adds nothing: no door is shown.
    client = login(staff_client, "lanhdao", demo_password)
    response = client.get(reverse("wagtailsnippets_monitoring_item:list"))
    assert response.status_code == 200
    assert f'href="{submit}"' not in response.content.decode()


def test_import_form_with_mapping(staff_client, demo_password):
    source = Source.objects.get(kind=SourceKind.SOCIAL_IMPORT)
    client = login(staff_client, "theodoi", demo_password)
    data = "noi_dung,tai_khoan\nQuy Nhơn hôm nay nắng đẹp gọi 0905123456,@hoa\n".encode()
    upload = io.BytesIO(data)
    upload.name = "bai.csv"
    response = client.post(
        reverse("monitoring_tools:import"),
        {"source": source.pk, "file": upload, "text": "khong_co"},
    )
    assert "Tệp không có cột: khong_co" in response.content.decode()
    assert not Item.objects.filter(source=source, text__contains="nắng đẹp").exists()
    upload = io.BytesIO(data)
    upload.name = "bai.csv"
    response = client.post(
        reverse("monitoring_tools:import"),
        {"source": source.pk, "file": upload, "text": "noi_dung", "author": "tai_khoan"},
    )
    assert response.status_code == 302
    item = Item.objects.get(source=source, text__contains="nắng đẹp")
    assert "0905123456" not in item.text and item.author_pseudonym.startswith("tg-")


def test_commands(web, tmp_path):
    web.add("/feed", rss({"title": "Tin từ lệnh poll", "link": "http://127.0.0.1/cmd/1"}))
    out = io.StringIO()
    call_command("add_source", web.url("/feed"), "--kind", "rss", "--name", "Lệnh", stdout=out)
    source = Source.objects.get(name="Lệnh")
    assert source.kind == SourceKind.FEED and out.getvalue().startswith(str(source.pk))
    out = io.StringIO()
    call_command("poll", "--once", stdout=out)
    assert "mới=1" in out.getvalue()
    assert PollRun.objects.get(source=source).outcome == FetchOutcome.OK
    out = io.StringIO()
    call_command("poll", "--source", str(source.pk), stdout=out)
    assert "duplicate_url=1" in out.getvalue()
    posts = tmp_path / "posts.json"
    posts.write_text(json.dumps([{"body": "Bài đăng về Quy Nhơn", "who": "x"}]))
    out = io.StringIO()
    call_command("import_posts", str(posts), "--mapping", "text=body,author=who", stdout=out)
    assert "mới=1" in out.getvalue()
    with pytest.raises(Exception, match="Tệp không có cột"):
        call_command("import_posts", str(posts), "--mapping", "text=none")


def test_a_source_s_country_is_one_of_the_list_named_in_vietnamese(
    staff_client, demo_password, web
):
    """The add form offers countries by name; a code typed in lower case is stored in upper
    case; a code or outlet type that does not exist is refused in words, nothing saved."""
    call_command("add_source", web.url("/jp"), "--name", "Báo Nhật", "--country", "jp",
                 "--outlet-type", "foreign_press", stdout=io.StringIO())  # fmt: skip
    assert Source.objects.get(name="Báo Nhật").country == "JP"
    before = Source.objects.count()
    with pytest.raises(CommandError, match="Mã quốc gia không hợp lệ: XX"):
        call_command("add_source", web.url("/xx"), "--country", "xx")
    with pytest.raises(CommandError, match="Loại kênh không hợp lệ: báo"):
        call_command("add_source", web.url("/bao"), "--outlet-type", "báo")
    assert Source.objects.count() == before

    client = login(staff_client, "theodoi", demo_password)
    form = client.get(reverse("wagtailsnippets_monitoring_source:add")).content.decode()
    assert '<option value="JP">Nhật Bản</option>' in form
    # A new source's country is not preset: its address's domain gives it, or a person does.
    assert '<option value="" selected>— Theo tên miền của địa chỉ —</option>' in form
    fields = {"name": "Báo lạ", "kind": "feed", "url": web.url("/la"), "outlet_type":
              "foreign_press", "country": "XX", "language": "en", "priority": 3,
              "poll_min_minutes": 15, "poll_max_minutes": 360}  # fmt: skip
    refused = client.post(reverse("wagtailsnippets_monitoring_source:add"), fields)
    assert refused.status_code == 200 and not Source.objects.filter(name="Báo lạ").exists()
    assert "XX không phải là một trong các lựa chọn" in refused.content.decode()
    listing = client.get(reverse("wagtailsnippets_monitoring_source:list")).content.decode()
    cells = re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", listing)
    assert "Nhật Bản" in cells and "Tiếng Anh" in cells and "Tiếng Việt" in cells
    assert not {"JP", "VN", "en", "vi"} & set(cells)


def test_an_outlet_on_another_country_s_domain_is_not_left_on_viet_nam(staff_client, demo_password):
    """The add form refuses the default country for an address on .kr, in words, nothing saved;
    with the country chosen the source is saved. An address on .vn or .com keeps Việt Nam."""
    client = login(staff_client, "theodoi", demo_password)
    add = reverse("wagtailsnippets_monitoring_source:add")
    fields = {"name": "Yonhap", "kind": "feed", "url": "https://www.yna.co.kr/rss/news.xml",
              "outlet_type": "foreign_press", "country": "VN", "language": "ko", "priority": 3,
              "poll_min_minutes": 15, "poll_max_minutes": 360}  # fmt: skip
    refused = client.post(add, fields)
    assert refused.status_code == 200 and not Source.objects.filter(name="Yonhap").exists()
    assert (
        "Địa chỉ www.yna.co.kr thuộc tên miền của Hàn Quốc, còn quốc gia của nguồn là Việt Nam"
        in (refused.content.decode())
    )
    assert client.post(add, {**fields, "country": "KR"}).status_code == 302
    assert Source.objects.get(name="Yonhap").country == "KR"
    for name, url in (("Báo .vn", "https://baomoi.vn/rss"), ("Báo .com", "https://bao.com/rss")):
        chosen = {**fields, "name": name, "url": url, "outlet_type": "domestic_press"}
        assert client.post(add, chosen).status_code == 302
        assert Source.objects.get(name=name).country == "VN"


def test_a_new_source_s_country_comes_from_its_domain_or_a_person_never_a_default(
    staff_client, demo_password
):
    """Left empty, the country is the address's country domain (.vn, .fr); on a generic domain
    (.com) it must be chosen, in words, nothing saved; a foreign-press outlet is never on Việt
    Nam. Editing a source keeps its country as it is."""
    client = login(staff_client, "theodoi", demo_password)
    add = reverse("wagtailsnippets_monitoring_source:add")
    fields = {"kind": "feed", "outlet_type": "domestic_press", "country": "", "language": "vi",
              "priority": 3, "poll_min_minutes": 15, "poll_max_minutes": 360}  # fmt: skip
    for name, url, country in (
        ("Báo thử miền .vn", "https://baothu.vn/rss", "VN"),
        ("Ouest-France", "https://www.ouest-france.fr/rss", "FR"),
    ):
        assert client.post(add, {**fields, "name": name, "url": url}).status_code == 302
        assert Source.objects.get(name=name).country == country
    generic = {**fields, "name": "Travel Wire", "url": "https://travelwire.com/feed"}
    refused = client.post(add, generic).content.decode()
    assert "Địa chỉ travelwire.com có tên miền chung, không cho biết nước của tòa soạn" in refused
    foreign = {**generic, "outlet_type": "foreign_press", "country": "VN", "language": "en"}
    refused = client.post(add, foreign).content.decode()
    assert "Loại kênh là báo chí nước ngoài, còn quốc gia là Việt Nam" in refused
    assert not Source.objects.filter(name="Travel Wire").exists()
    assert client.post(add, {**foreign, "country": "US"}).status_code == 302
    assert Source.objects.get(name="Travel Wire").country == "US"
    source = Source.objects.get(name="Báo thử miền .vn")
    edit = client.get(reverse("wagtailsnippets_monitoring_source:edit", args=[source.pk]))
    assert '<option value="VN" selected>Việt Nam</option>' in edit.content.decode()


def test_poll_task_runs_through_celery(web):
    from lantoa.monitoring.tasks import sources_poll_due_task

    web.add("/feed", rss({"title": "Tin qua Celery", "link": "http://127.0.0.1/t/1"}))
    SourceFactory(url=web.url("/feed"))
    run_ids = sources_poll_due_task.apply().get()
    assert PollRun.objects.get(pk=run_ids[0]).stored == 1


def test_fetch_failures_are_told_in_plain_vietnamese_and_the_add_form_asks_only_decisions(
    staff_client, demo_password, web
):
    """Each failure is classified at the fetcher (a real server on 127.0.0.1, a closed port, a
    name under .invalid that no resolver knows) and the lists say it in words, not errnos."""
    import socket

    from lantoa.monitoring.constants import FetchErrorKind
    from lantoa.monitoring.models import PollRun

    web.add("/forbidden", "no", status=403)
    web.add("/broken", "boom", status=502)
    web.add("/page", "<html><body><p>Trang chủ</p></body></html>",
            headers={"Content-Type": "text/html; charset=utf-8"})  # fmt: skip
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/feed"
    cases = {
        "http://lantoa-khong-ton-tai.invalid/feed": (
            FetchErrorKind.DNS_NOT_FOUND, "Không truy cập được trang: tên miền không tồn tại"),
        web.url("/missing"): (FetchErrorKind.HTTP_NOT_FOUND, "Không tìm thấy trang (HTTP 404)"),
        web.url("/forbidden"): (FetchErrorKind.HTTP_FORBIDDEN, "từ chối cho truy cập (HTTP 403)"),
        web.url("/broken"): (FetchErrorKind.HTTP_SERVER, "đang gặp lỗi (HTTP 502)"),
        web.url("/page"): (FetchErrorKind.NOT_A_FEED, "không phải nguồn tin RSS/Atom"),
        closed: (FetchErrorKind.REFUSED, "máy chủ từ chối kết nối"),
        web.url("/feed").replace("http://", "https://"): (FetchErrorKind.TLS, "TLS"),
    }  # fmt: skip
    for number, (url, (kind, words)) in enumerate(cases.items()):
        source = SourceFactory(url=url, name=f"Nguồn lỗi {number}")
        run = source_poll(source_id=source.pk)
        source.refresh_from_db()
        assert (run.error_kind, source.last_error_kind) == (kind, kind), (url, run.error)
        assert words in source.last_error and "Errno" not in source.last_error, source.last_error
        assert run.error.startswith(words.split(" (")[0][:20]) or words in run.error
    client = login(staff_client, "theodoi", demo_password)
    html = client.get(reverse("wagtailsnippets_monitoring_source:list")).content.decode()
    runs = client.get(reverse("wagtailsnippets_monitoring_pollrun:list")).content.decode()
    for kind, _words in cases.values():
        assert str(kind.label) in html and str(kind.label) in runs
    assert "Errno" not in html and "Errno" not in runs
    assert PollRun.objects.filter(error_kind=FetchErrorKind.DNS_NOT_FOUND).count() == 1
    # The add form: what a person decides, none of the poller's own state.
    form = client.get(reverse("wagtailsnippets_monitoring_source:add")).content.decode()
    for field in ("name", "kind", "url", "language", "priority", "poll_min_minutes"):
        assert f'name="{field}"' in form
    for field in (
        "next_fetch_at",
        "interval_seconds",
        "consecutive_failures",
        "last_error",
        "last_outcome",
        "last_polled_at",
        "last_success_at",
        "etag",
    ):
        assert f'name="{field}"' not in form, field
