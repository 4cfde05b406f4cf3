"""The importer on the seed plan (exact structure), on its NFD and DOCX forms, and on bad files."""

import io
import json
import unicodedata

import docx
import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lantoa.plans.importer import PlanImportError, extract_text, parse_plan
from lantoa.plans.models import Assignment, Directive, Plan, PlanSection
from lantoa.plans.services import directory_from_units, plan_import, plan_import_file

# The seed's outline: (path, kind, words in heading, words in text). Counting words pins every
# node exactly without copying the seed's text into the repository.
SEED_OUTLINE = [
    ("I", "part", 4, 0),
    ("I.1", "item", 0, 83),
    ("I.2", "item", 0, 130),
    ("II", "part", 4, 0),
    ("II.1", "item", 2, 0),
    ("II.1-1", "bullet", 0, 42),
    ("II.1-2", "bullet", 0, 68),
    ("II.1-3", "bullet", 0, 41),
    ("II.2", "item", 2, 0),
    ("II.2p1", "paragraph", 0, 106),
    ("III", "part", 5, 0),
    ("III.1", "item", 27, 0),
    ("III.1-1", "bullet", 0, 92),
    ("III.1-2", "bullet", 0, 48),
    ("III.2", "item", 15, 0),
    ("III.2-1", "bullet", 0, 48),
    ("III.2-2", "bullet", 0, 73),
    ("III.3", "item", 16, 0),
    ("III.3.1", "subitem", 3, 0),
    ("III.3.1-1", "bullet", 0, 108),
    ("III.3.1-2", "bullet", 0, 33),
    ("III.3.1-3", "bullet", 0, 123),
    ("III.3.1-4", "bullet", 0, 41),
    ("III.3.1-5", "bullet", 0, 55),
    ("III.3.2", "subitem", 3, 0),
    ("III.3.2-1", "bullet", 0, 36),
    ("III.3.2-2", "bullet", 0, 90),
    ("III.3.2-3", "bullet", 0, 88),
    ("III.4", "item", 22, 0),
    ("III.4-1", "bullet", 0, 101),
    ("III.4-2", "bullet", 0, 108),
    ("III.5", "item", 19, 0),
    ("III.5-1", "bullet", 0, 77),
    ("III.5-2", "bullet", 0, 78),
    ("IV", "part", 4, 0),
    ("IV.1", "item", 0, 46),
    ("IV.2", "item", 0, 54),
    ("IV.3", "item", 0, 44),
]
PARTY_CELLS = ["chi-bo-khu-pho-1", "chi-bo-khu-pho-2", "chi-bo-khu-pho-3", "chi-bo-co-quan-ubnd"]
MASS_ORGANISATIONS = ["doan-thanh-nien", "hoi-phu-nu", "hoi-nong-dan", "hoi-cuu-chien-binh"]


def outline(parsed) -> list[tuple[str, str, int, int]]:
    return [(s.path, s.kind, len(s.heading.split()), len(s.text.split())) for s in parsed.walk()]


def check_seed_structure(parsed) -> None:
    header = parsed.header
    assert (header.number, header.symbol, header.code) == ("78", "KH/ĐU", "78-KH/ĐU")
    assert header.doc_type == "ke_hoach"
    assert header.system == "party"
    assert header.title.startswith("thực hiện Kết luận số 57-KL/TW, ngày 15/6/2023")
    assert header.title.endswith("trong tình hình mới")
    assert header.issuing_body == "Ban Thường vụ Đảng ủy"
    assert (header.parent_body, header.place, header.issued_on) == ("", "", None)

    chain = [
        (d.code, d.doc_type, d.issued_on.isoformat(), d.parent_code) for d in parsed.directives
    ]
    assert chain == [
        ("57-KL/TW", "ket_luan", "2023-06-15", None),
        ("59-KH/TU", "ke_hoach", "2026-04-07", "57-KL/TW"),
    ]
    assert parsed.implements == "59-KH/TU"
    conclusion, plan59 = parsed.directives
    assert conclusion.aliases == ["Kết luận số 57-KL/TW"]
    assert plan59.aliases == []
    assert conclusion.issuer == "Bộ Chính trị"
    assert conclusion.title == (
        "tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới"
    )
    assert plan59.title.startswith("thực hiện Kết luận số 57-KL/TW")

    assert [s.heading for s in parsed.sections] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "QUAN ĐIỂM, MỤC TIÊU",
        "NHIỆM VỤ VÀ GIẢI PHÁP",
        "TỔ CHỨC THỰC HIỆN",
    ]
    assert outline(parsed) == SEED_OUTLINE

    assignments = [
        (a.path, a.lead_unit, a.coordinating_units, a.unmatched, a.deadline_kind)
        for a in parsed.assignments
    ]
    assert assignments == [
        ("IV.1", "ubnd", [], [], "annual"),
        ("IV.2", "mttq", MASS_ORGANISATIONS + PARTY_CELLS, [], "date"),
        ("IV.3", "ban-xay-dung-dang", [], ["các cơ quan liên quan"], "date"),
    ]
    assert parsed.assignments[2].action.startswith("theo dõi, kiểm tra, đôn đốc")
    assert parsed.recipients == [
        "Ban Tuyên giáo và Dân vận Tỉnh ủy (để b/c)",
        "UBND phường",
        "Mặt trận Tổ quốc và các tổ chức CT - XH phường",
        "Ban xây dựng đảng Đảng ủy",
        "Các tổ chức đảng trực thuộc Đảng ủy",
        "Lưu Văn phòng Đảng ủy",
    ]
    sig = parsed.signature
    assert (sig.authority, sig.title, sig.name) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Tô Thị Thu Hương",
    )
    assert parsed.warnings == []


def test_seed_plan_structure_is_exact(demo_ward, seed_path):
    text = extract_text(seed_path.read_bytes(), seed_path.name)
    check_seed_structure(parse_plan(text, directory_from_units()))


def test_seed_plan_in_nfd_parses_the_same(demo_ward, seed_path):
    nfd = unicodedata.normalize("NFD", seed_path.read_text(encoding="utf-8"))
    text = extract_text(nfd.encode("utf-8"), "ke-hoach.txt")
    assert unicodedata.is_normalized("NFC", text)
    check_seed_structure(parse_plan(text, directory_from_units()))


def seed_as_docx(seed_text: str) -> bytes:
    """The seed as Word would hold it: the header in a two-column table, then paragraphs."""
    lines = seed_text.splitlines()
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left = table.cell(0, 0)
    left.text = "*"
    left.add_paragraph(next(line for line in lines if line.startswith("Số")))
    table.cell(0, 1).text = ""
    start = next(i for i, line in enumerate(lines) if line.strip() == "KẾ HOẠCH")
    for line in lines[start:]:
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_seed_plan_as_docx_parses_the_same(demo_ward, seed_path):
    data = seed_as_docx(seed_path.read_text(encoding="utf-8"))
    text = extract_text(data, "ke-hoach.docx")
    check_seed_structure(parse_plan(text, directory_from_units()))


def test_import_saves_chain_outline_and_assignments(demo_ward, seed_path):
    plan = plan_import_file(data=seed_path.read_bytes(), filename=seed_path.name)
    chain = [d.code for d in plan.directive.chain()]
    assert chain == ["57-KL/TW", "59-KH/TU", "78-KH/ĐU"]
    assert Directive.objects.get(code="57-KL/TW").alias_list() == ["Kết luận số 57-KL/TW"]
    rows = [(s.path, s.kind) for s in plan.sections.order_by("order")]
    assert rows == [(path, kind) for path, kind, _h, _t in SEED_OUTLINE]
    assert plan.sections.get(path="III.3.1").parent.path == "III.3"
    assignments = {a.section.path: a for a in Assignment.objects.filter(plan=plan)}
    assert assignments["IV.1"].lead_unit.code == "ubnd"
    assert sorted(u.code for u in assignments["IV.2"].coordinating_units.all()) == sorted(
        MASS_ORGANISATIONS + PARTY_CELLS
    )
    assert assignments["IV.3"].lead_unit.code == "ban-xay-dung-dang"
    assert assignments["IV.3"].unmatched_names == "các cơ quan liên quan"
    assert plan.signer_name == "Tô Thị Thu Hương"
    assert len(plan.recipient_list()) == 6
    with pytest.raises(PlanImportError, match="đã có"):
        plan_import_file(data=seed_path.read_bytes(), filename=seed_path.name)
    assert Plan.objects.count() == 1


def test_import_plan_command_prints_json_and_saves_nothing(demo_ward, seed_path, capsys):
    call_command("import_plan", str(seed_path), "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["header"]["code"] == "78-KH/ĐU"
    assert [d["code"] for d in data["directives"]] == ["57-KL/TW", "59-KH/TU"]
    assert [a["lead_unit"] for a in data["assignments"]] == ["ubnd", "mttq", "ban-xay-dung-dang"]
    assert len(data["sections"]) == 4
    assert Plan.objects.count() == 0 and PlanSection.objects.count() == 0


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "trong.txt", "Tệp rỗng"),
        (b"   \n\n  ", "trang.txt", "không có chữ"),
        (bytes(range(256)) * 40, "anh.txt", "nhị phân"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)) * 50, "anh.png", "văn bản"),
        (OLE, "ke-hoach.doc", ".doc"),
        (OLE, "doi-ten.txt", ".doc"),
        (b"PK\x03\x04 not really a zip", "hong.docx", ".docx"),
        (b"x" * (20 * 1024 * 1024 + 1), "lon.txt", "20 MB"),
        ("Kế hoạch".encode("cp1258", errors="replace") + b"\xff\xfe\xfa" * 10, "cu.txt", "UTF-8"),
    ],
)
def test_bad_files_get_a_vietnamese_error_and_nothing_is_saved(demo_ward, data, name, message):
    with pytest.raises(PlanImportError, match=message):
        plan_import_file(data=data, filename=name)
    assert Plan.objects.count() == Directive.objects.count() == 0


def test_text_without_number_or_outline_is_refused(demo_ward):
    with pytest.raises(PlanImportError, match="số, ký hiệu"):
        plan_import_file(data="Một lá thư bình thường.\n".encode(), filename="thu.txt")
    with pytest.raises(PlanImportError, match="phần, mục"):
        plan_import_file(data="Số 12-KH/ĐU\nKẾ HOẠCH\nvề việc thử\n".encode(), filename="a.txt")
    assert Plan.objects.count() == Directive.objects.count() == 0


def test_failure_midway_rolls_back_everything(demo_ward, seed_path, monkeypatch):
    from lantoa.plans.services import imports

    text = extract_text(seed_path.read_bytes(), seed_path.name)
    parsed = parse_plan(text, directory_from_units())

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "audit", broken)
    with pytest.raises(RuntimeError):
        plan_import(parsed=parsed, source_text=text)
    assert Plan.objects.count() == Directive.objects.count() == PlanSection.objects.count() == 0


def test_state_document_numbering_and_arabic_outline():
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN",
            "PHƯỜNG QUY NHƠN",
            "Số: 34/KH-UBND",
            "Quy Nhơn, ngày 05 tháng 5 năm 2026",
            "KẾ HOẠCH",
            "Triển khai công tác thông tin đối ngoại năm 2026",
            "Căn cứ Kế hoạch số 78-KH/ĐU, ngày 20/4/2026 của Ban Thường vụ Đảng ủy phường;",
            "1. Mục đích",
            "- Làm rõ trách nhiệm.",
            "a) Nội dung thứ nhất.",
            "2. Tổ chức thực hiện",
            "Phòng Văn hóa - Xã hội chủ trì, phối hợp với Đoàn thanh niên thực hiện hằng quý.",
        ]
    )
    parsed = parse_plan(text)
    header = parsed.header
    assert (header.code, header.symbol, header.system) == ("34/KH-UBND", "KH-UBND", "state")
    # Two header lines, one issuing body.
    assert (header.parent_body, header.issuing_body) == ("", "ỦY BAN NHÂN DÂN PHƯỜNG QUY NHƠN")
    assert header.place == "Quy Nhơn" and header.issued_on.isoformat() == "2026-05-05"
    assert header.title == "Triển khai công tác thông tin đối ngoại năm 2026"
    assert [(d.code, d.issuer) for d in parsed.directives] == [
        ("78-KH/ĐU", "Ban Thường vụ Đảng ủy phường")
    ]
    assert [(s.path, s.kind) for s in parsed.walk()] == [
        ("1", "item"),
        ("1-1", "bullet"),
        ("1.a", "subitem"),
        ("2", "item"),
        ("2p1", "paragraph"),
    ]


def test_assignment_split_with_explicit_partners(demo_ward):
    from lantoa.plans.importer.assignments import split_assignment

    split = split_assignment(
        "Phòng Văn hóa - Xã hội chủ trì, phối hợp với Đoàn thanh niên và Hội Phụ nữ xây dựng "
        "chuyên mục trên trang thông tin điện tử của phường.",
        directory_from_units(),
    )
    assert split.lead == "van-hoa-xa-hoi"
    assert split.coordinating == ["doan-thanh-nien", "hoi-phu-nu"]
    assert split.action.startswith("xây dựng chuyên mục")


LINE_STARTS = st.sampled_from(
    [
        "",
        "I - ",
        "II. ",
        "IV - ",
        "1. ",
        "3.1 - ",
        "a) ",
        "- ",
        "Số 5-KH/ĐU",
        "Nơi nhận:",
        "T/M BAN THƯỜNG VỤ",
        "KẾ HOẠCH",
        "Thực hiện Kết luận số 57-KL/TW, ngày 31/2/2023 về ",
        "(viết tắt là ",
        "Giao ",
        "chủ trì, phối hợp với ",
        "./.",
    ]
)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_parser_never_crashes_on_arbitrary_text(text):
    parsed = parse_plan(text)
    json.dumps(parsed.to_dict(), ensure_ascii=False)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(LINE_STARTS, st.text(max_size=40)), max_size=40))
def test_parser_never_crashes_on_plan_like_text(lines):
    parsed = parse_plan("\n".join(start + rest for start, rest in lines))
    paths = [section.path for section in parsed.walk()]
    assert all(paths)
    json.dumps(parsed.to_dict(), ensure_ascii=False)


def test_docx_header_table_gives_bodies_place_and_date(demo_ward):
    """A Word plan keeps its header in a two-column table: bodies and number left, the Party
    name and the place-date line right."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "ĐẢNG BỘ TỈNH GIA LAI"
    for line in ("ĐẢNG ỦY PHƯỜNG QUY NHƠN", "*", "Số 21-KH/ĐU"):
        left.add_paragraph(line)
    right.text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    right.add_paragraph("Quy Nhơn, ngày 02 tháng 3 năm 2026")
    for line in (
        "KẾ HOẠCH",
        "tổ chức các hoạt động thông tin đối ngoại",
        "Căn cứ Chỉ thị số 12-CT/TU, ngày 5 tháng 1 năm 2026 của Ban Thường vụ Tỉnh ủy về "
        "tăng cường thông tin đối ngoại (sau đây gọi tắt là Chỉ thị 12),",
        "I. YÊU CẦU",
        "1. Thực hiện nghiêm túc.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Hội Nông dân chủ trì, phối hợp với Hội Cựu chiến binh tuyên truyền hằng tháng.",
    ):
        document.add_paragraph(line)
    closing = document.add_table(rows=1, cols=2)
    closing.rows[0].cells[0].text = "Nơi nhận:"
    closing.rows[0].cells[0].add_paragraph("- Như trên,")
    closing.rows[0].cells[0].add_paragraph("- Lưu VP.")
    closing.rows[0].cells[1].text = "T/M BAN THƯỜNG VỤ"
    closing.rows[0].cells[1].add_paragraph("BÍ THƯ")
    closing.rows[0].cells[1].add_paragraph("Trần Văn Thử")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_plan(extract_text(buffer.getvalue(), "kh.docx"), directory_from_units())
    header = parsed.header
    assert (header.parent_body, header.issuing_body) == (
        "ĐẢNG BỘ TỈNH GIA LAI",
        "ĐẢNG ỦY PHƯỜNG QUY NHƠN",
    )
    assert (header.code, header.place, header.issued_on.isoformat()) == (
        "21-KH/ĐU",
        "Quy Nhơn",
        "2026-03-02",
    )
    assert header.title == "tổ chức các hoạt động thông tin đối ngoại"
    (directive,) = parsed.directives
    assert (directive.code, directive.doc_type, directive.issued_on.isoformat()) == (
        "12-CT/TU",
        "chi_thi",
        "2026-01-05",
    )
    assert directive.aliases == ["Chỉ thị 12"] and parsed.implements == "12-CT/TU"
    (assignment,) = parsed.assignments
    assert (assignment.lead_unit, assignment.coordinating_units, assignment.deadline_kind) == (
        "hoi-nong-dan",
        ["hoi-cuu-chien-binh"],
        "monthly",
    )
    assert parsed.recipients == ["Như trên", "Lưu VP"]
    assert (parsed.signature.authority, parsed.signature.name) == (
        "T/M BAN THƯỜNG VỤ",
        "Trần Văn Thử",
    )


def test_import_plan_command_refuses_a_legacy_doc(tmp_path, demo_ward):
    from django.core.management.base import CommandError

    path = tmp_path / "cu.doc"
    path.write_bytes(OLE)
    with pytest.raises(CommandError, match=r"\.doc"):
        call_command("import_plan", str(path))
