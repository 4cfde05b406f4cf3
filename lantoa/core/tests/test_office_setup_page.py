"""The first-run setup page ("Thiết lập ban đầu"): an administrator sets the ward, imports units
and staff from the XLSX templates the page offers, sources from OPML and the starter list, and
sends a test e-mail and a test webhook. Files are built here, real ones, hostile ones included."""

import io
from html.parser import HTMLParser

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from lantoa.core.constants import Role
from lantoa.core.models import Unit, User
from lantoa.core.selectors import office
from lantoa.core.services import roles_ensure, user_ensure
from lantoa.insights.tests.conftest import WebhookServer
from lantoa.monitoring.models import Source

pytestmark = pytest.mark.django_db

URL = "/admin/setup/"


@pytest.fixture
def admin(client):
    roles_ensure()
    user = User.objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-dai-2026")
    client.force_login(user)
    return client


def _template(admin, name: str) -> openpyxl.Workbook:
    response = admin.get(reverse("core_setup_template", args=[name]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _filled(book: openpyxl.Workbook, rows: list[list]) -> io.BytesIO:
    for row in rows:
        book.worksheets[0].append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "tep.xlsx"
    return buffer


def _post(admin, step: str, **fields):
    data = {"step": step, **{f"{step}-{key}": value for key, value in fields.items()}}
    response = admin.post(URL, data)
    assert response.status_code == 200
    return response


class _FormValues(HTMLParser):
    """The values a browser would send for a page's inputs and selects, as they are shown."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.values[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _form_values(html: str) -> dict[str, str]:
    parser = _FormValues()
    parser.feed(html)
    return parser.values


def _result(response) -> str:
    """The text of the result (ok) or refusal box of the posted step."""
    html = response.content.decode()
    start = html.find("data-setup-result=")
    assert start != -1, "no result shown"
    return html[start : html.find("</div>", start)]


UNITS = [
    ["dang-uy", "Đảng ủy phường Hòa Bình", "ĐU", "Đảng ủy", "", "dangu@example.vn", "Đảng ủy"],
    ["chi-bo-1", "Chi bộ Khu phố 1", "CB1", "Chi bộ, đảng bộ bộ phận", "dang-uy", "", ""],
    ["doan-tn", "Đoàn Thanh niên phường", "ĐTN", "mass_organisation", "dang-uy", "", "Đoàn; ĐTN"],
]


def test_the_page_is_for_administrators_only(client):
    roles_ensure()
    monitor = user_ensure(
        username="theodoi", password="x", full_name="Cán bộ theo dõi", roles=(Role.MONITOR,)
    )
    client.force_login(monitor)
    for url in (URL, reverse("core_setup_template", args=["units"])):
        refused = client.get(url)  # Wagtail turns the refusal into a redirect with a message
        assert (refused.status_code, refused.url) == (302, "/admin/")


def test_ward_name_and_province_set_the_documents_office(admin):
    page = admin.get(URL).content.decode()
    for title in ("Tên phường và tỉnh", "Đơn vị", "Tài khoản cán bộ", "Nguồn tin", "Webhook thử"):
        assert title in page
    response = _post(admin, "office", place="Hòa Bình", province="Lâm Đồng")
    assert "Đảng ủy phường Hòa Bình" in _result(response)
    assert office().parent_body == "Đảng bộ tỉnh Lâm Đồng"


def test_units_from_the_template_then_staff_with_roles_and_units(admin, client):
    book = _template(admin, "units")
    assert [c.value for c in book.worksheets[0][1]][:2] == ["Mã đơn vị", "Tên đơn vị"]
    response = admin.post(URL, {"step": "units", "units-file": _filled(book, UNITS)})
    assert "Đã nhập 3 đơn vị: 3 mới" in _result(response)
    assert Unit.objects.get(code="chi-bo-1").parent.code == "dang-uy"
    assert Unit.objects.get(code="doan-tn").alias_list() == ["Đoàn", "ĐTN"]
    again = admin.post(
        URL, {"step": "units", "units-file": _filled(_template(admin, "units"), UNITS)}
    )
    assert "0 mới, 3 cập nhật" in _result(again)

    staff = [
        ["lan.nguyen", "Nguyễn Thị Lan", "lan@example.vn", "Cán bộ theo dõi", ""],
        ["binh.tran", "Trần Văn Bình", "", "Cán bộ báo cáo của đơn vị", "chi-bo-1"],
        ["an.le", "Lê An", "an@example.vn", "Lãnh đạo; Biên tập viên", "dang-uy"],
    ]
    response = admin.post(
        URL, {"step": "staff", "staff-file": _filled(_template(admin, "staff"), staff)}
    )
    shown = _result(response)
    assert "Đã tạo 3 tài khoản" in shown
    binh = User.objects.get(username="binh.tran")
    assert (binh.get_full_name(), binh.unit.code) == ("Trần Văn Bình", "chi-bo-1")
    assert set(binh.groups.values_list("name", flat=True)) == {Role.UNIT_REPORTER.value}
    assert set(User.objects.get(username="an.le").groups.values_list("name", flat=True)) == {
        Role.LEADER.value,
        Role.EDITOR.value,
    }
    # The temporary password shown once is the one that works.
    html = response.content.decode()
    cell = html.index("<td>binh.tran</td>")
    password = html[cell:].split("<td>")[3].split("</td>")[0]
    client.logout()
    assert client.login(username="binh.tran", password=password)
    # A temporary password: the admin asks for a password of one's own before anything else.
    for path in ("/admin/", "/admin/plans/tasks/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/admin/account/")
    page = client.get("/admin/account/", follow=True)
    assert "mật khẩu tạm" in page.content.decode()
    fields = _form_values(page.content.decode())
    fields.update(
        {
            "name_email-email": "binh@example.vn",  # imported without one; Wagtail asks
            "password-old_password": password,
            "password-new_password1": "Mat-khau-rieng-cua-Binh-2026",
            "password-new_password2": "Mat-khau-rieng-cua-Binh-2026",
        }
    )
    response = client.post("/admin/account/", fields)
    assert response.status_code == 302, [
        (panel.name, panel.get_form().errors)
        for panels in response.context["panels_by_tab"].values()
        for panel in panels
    ]
    assert not User.objects.get(username="binh.tran").has_temporary_password
    assert client.get("/admin/").status_code == 200


def test_bad_unit_rows_are_each_named_and_nothing_is_saved(admin):
    rows = [
        *UNITS,
        ["chi-bo-1", "Chi bộ trùng mã", "", "Chi bộ, đảng bộ bộ phận", "", "", ""],
        ["ban-x", "Ban X", "", "Bộ phận không có", "", "", ""],
        ["ban-y", "Ban Y", "", "Khác", "khong-co", "", ""],
        ["ban-z", '=HYPERLINK("http://evil.example/","bấm")', "", "Khác", "", "", ""],
        ["Mã Có Dấu", "Ban W", "", "Khác", "", "thu-sai", ""],
    ]
    response = admin.post(
        URL, {"step": "units", "units-file": _filled(_template(admin, "units"), rows)}
    )
    shown = _result(response)
    assert "refused" in shown and "Không lưu gì" in shown
    for expected in (
        "Dòng 5: mã “chi-bo-1” trùng dòng 3.",
        "Dòng 6: loại “Bộ phận không có” không có",
        "Dòng 7: không có đơn vị cấp trên mã “khong-co”.",
        "Dòng 8, cột “Tên đơn vị”: ô bắt đầu bằng “=”",
        "Dòng 9: mã “Mã Có Dấu” không hợp lệ",
        "Dòng 9: thư điện tử “thu-sai” không hợp lệ.",
    ):
        assert expected in shown
    assert not Unit.objects.exists()


def test_bad_staff_rows_are_each_named_and_nothing_is_saved(admin):
    Unit.objects.create(code="chi-bo-1", name="Chi bộ 1", kind="party_cell")
    rows = [
        ["hoa", "Phạm Hoa", "", "Cán bộ theo dõi", ""],
        ["HOA", "Phạm Hoa 2", "", "Cán bộ theo dõi", ""],
        ["quantri", "Trùng quản trị", "", "Lãnh đạo", ""],
        ["minh", "Đỗ Minh", "", "Giám đốc", ""],
        ["thu", "Vũ Thu", "", "Cán bộ báo cáo của đơn vị", "khong-co"],
        ["tam", "Hồ Tâm", "", "Cán bộ báo cáo của đơn vị", ""],
        ["ten có dấu cách", "Hà Vy", "", "@SUM(1+1)", ""],
    ]
    response = admin.post(
        URL, {"step": "staff", "staff-file": _filled(_template(admin, "staff"), rows)}
    )
    shown = _result(response)
    for expected in (
        "Dòng 3: tên đăng nhập “HOA” trùng dòng 2.",
        "Dòng 4: đã có tài khoản “quantri”",
        "Dòng 5: không có vai trò “Giám đốc”",
        "Dòng 6: không có đơn vị mã “khong-co”",
        "Dòng 7: cán bộ báo cáo của đơn vị cần mã đơn vị.",
        "Dòng 8, cột “Vai trò”: ô bắt đầu bằng “@”",
    ):
        assert expected in shown
    assert list(User.objects.values_list("username", flat=True)) == ["quantri"]


def test_a_wrong_or_huge_file_is_refused_with_a_clear_message(admin, settings):
    wrong = openpyxl.Workbook()
    wrong.active.append(["Họ tên", "Tuổi"])
    wrong.active.append(["A", 1])
    shown = _result(admin.post(URL, {"step": "units", "units-file": _filled(wrong, [])}))
    assert "Dòng tiêu đề không đúng mẫu" in shown
    settings.LANTOA_IMPORT_MAX_BYTES = 4000
    book = _template(admin, "units")
    big = _filled(book, [[f"don-vi-{n}", "x" * 200, "", "Khác", "", "", ""] for n in range(300)])
    response = admin.post(URL, {"step": "units", "units-file": big})
    assert "Tệp quá lớn" in response.content.decode()
    fake = io.BytesIO(b"<html><script>alert(1)</script></html>")
    fake.name = "don-vi.xlsx"
    response = admin.post(URL, {"step": "units", "units-file": fake})
    assert "Nội dung tệp không phải .xlsx" in response.content.decode()
    assert not Unit.objects.exists()


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Nguồn</title></head><body>
  <outline text="Báo chí">
    <outline type="rss" text="Báo A" xmlUrl="https://bao-a.example.vn/rss"/>
    <outline type="rss" text="Paper B" language="en" xmlUrl="https://paper-b.example.com/feed"/>
    <outline type="rss" text="Journal C" language="fr" xmlUrl="https://journal-c.example.fr/rss"/>
    <outline type="rss" text="BBC Tiếng Việt" country="gb" xmlUrl="https://bbc.example.com/vi"/>
  </outline>
</body></opml>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<opml version="2.0"><body><outline text="&lol2;" xmlUrl="https://x.example/rss"/></body></opml>"""


def _opml(text: str, name: str = "nguon.opml") -> io.BytesIO:
    buffer = io.BytesIO(text.encode())
    buffer.name = name
    return buffer


def test_sources_from_opml_and_the_starter_list(admin):
    response = admin.post(URL, {"step": "sources", "sources-file": _opml(OPML)})
    said = _result(response)
    assert "Đã đọc 4 nguồn: 4 nguồn mới" in said
    paper = Source.objects.get(url="https://paper-b.example.com/feed")
    assert (paper.name, paper.language, paper.outlet_type) == ("Paper B", "en", "foreign_press")
    # OPML names no country: a `country` attribute gives it, or an address on a country's
    # domain; a foreign-language feed on a generic domain is left on Việt Nam, and said so.
    countries = dict(Source.objects.values_list("name", "country"))
    assert countries == {"Báo A": "VN", "Paper B": "VN", "Journal C": "FR", "BBC Tiếng Việt": "GB"}
    assert Source.objects.get(name="BBC Tiếng Việt").outlet_type == "foreign_press"
    assert "1 nguồn tiếng nước ngoài có tên miền chung" in said and ": Paper B." in said

    response = admin.post(URL, {"step": "sources", "sources-file": _opml(BILLION_LAUGHS)})
    assert "DOCTYPE hoặc thực thể XML" in _result(response)
    bad = OPML.replace("https://bao-a.example.vn/rss", "javascript:alert(1)")
    response = admin.post(URL, {"step": "sources", "sources-file": _opml(bad)})
    assert "Nguồn 1 (Báo A): địa chỉ phải bắt đầu bằng http://" in _result(response)
    bad = OPML.replace('country="gb"', 'country="XX"')
    response = admin.post(URL, {"step": "sources", "sources-file": _opml(bad)})
    assert "Nguồn 4 (BBC Tiếng Việt): mã quốc gia không hợp lệ: XX." in _result(response)
    assert Source.objects.count() == 4

    response = _post(admin, "sources", starter="on")
    assert "Nguồn tin khởi đầu: 18 tạo mới" in _result(response)
    assert set(Source.objects.values_list("language", flat=True)) >= {"zh", "ko", "ja", "fr"}


def test_shipped_configuration_and_a_test_email(admin):
    response = _post(admin, "config", confirm="on")
    assert "Danh sách theo dõi: 4 tạo mới" in _result(response)
    response = _post(admin, "email", to="thu@example.vn")
    assert "Đã gửi thư thử tới thu@example.vn" in _result(response)
    (message,) = mail.outbox
    assert message.to == ["thu@example.vn"]


def test_a_test_webhook_reaches_the_target_or_says_why_not(admin, settings):
    server = WebhookServer()
    try:
        settings.LANTOA_FETCH_ALLOW_PRIVATE = True
        response = _post(admin, "webhook", url=server.url, webhook_format="json")
        assert "nơi nhận trả lời HTTP 200" in _result(response)
        assert server.received[0]["body"]["test"] is True
        server.replies.append((500, {}, b"no"))
        response = _post(admin, "webhook", url=server.url, webhook_format="json")
        assert "Không gửi được tới" in _result(response)
        settings.LANTOA_FETCH_ALLOW_PRIVATE = False
        response = _post(admin, "webhook", url=server.url, webhook_format="json")
        assert "refused" in _result(response) and len(server.received) == 2
    finally:
        server.close()
    assert Group.objects.exists()
