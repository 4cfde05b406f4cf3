"""Sources from an OPML file (the list of feeds a reader or another monitoring tool exports).

Parsed with defusedxml: a DOCTYPE, entity declarations or external references are refused, so
"billion laughs" and XXE files are refused before any expansion. All outlines or none are added.
"""

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.db import transaction
from django.utils.translation import gettext as _

from lantoa.core.constants import address_country, is_country_code
from lantoa.core.office_setup import RowsRefused, SetupOutcome
from lantoa.core.text import nfc
from lantoa.core.validators import is_web_url

from ..constants import OutletType, SourceKind
from ..models import Source
from .sources import source_create

MAX_OUTLINES = 2000
LANGUAGES = {"vi", "en", "zh", "ko", "ja", "fr"}


def _outlines(data: bytes) -> list:
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ValueError(
            _("Tệp OPML có khai báo DOCTYPE hoặc thực thể XML: không được nhận (nguy cơ bảo mật).")
        ) from None
    except ElementTree.ParseError as exc:
        raise ValueError(_("Tệp OPML không đúng cú pháp XML: %(error)s") % {"error": exc}) from None
    if root.tag != "opml":
        raise ValueError(_("Tệp không phải OPML (phần tử gốc phải là <opml>)."))
    return [node for node in root.iter("outline") if node.get("xmlUrl") is not None]


@transaction.atomic
def sources_import_opml(*, data: bytes) -> SetupOutcome:
    """Add a feed source for every `<outline xmlUrl=…>`; one already monitored is left as it is."""
    outlines = _outlines(data)
    if not outlines:
        raise ValueError(_("Tệp OPML không có nguồn nào (thẻ outline có thuộc tính xmlUrl)."))
    if len(outlines) > MAX_OUTLINES:
        raise ValueError(_("Tệp có hơn %(max)s nguồn.") % {"max": MAX_OUTLINES})
    problems, seen, accepted = [], {}, []
    for number, node in enumerate(outlines, start=1):
        url = nfc(node.get("xmlUrl") or "").strip()
        name = nfc(node.get("title") or node.get("text") or "").strip()[:255]
        where = {"number": number, "name": name or url[:80]}
        if not is_web_url(url):
            problems.append(
                _("Nguồn %(number)s (%(name)s): địa chỉ phải bắt đầu bằng http:// hoặc https://.")
                % where
            )
        elif url in seen:
            problems.append(
                _("Nguồn %(number)s (%(name)s): trùng địa chỉ với nguồn %(other)s.")
                % {**where, "other": seen[url]}
            )
        seen.setdefault(url, number)
        language = (node.get("language") or "vi").strip().lower()[:2]
        # OPML has no country: a `country` attribute (ISO code) is read when a file gives one,
        # else the address's country domain (.kr, .fr).
        country = (node.get("country") or "").strip().upper()
        if country and not is_country_code(country):
            problems.append(
                _("Nguồn %(number)s (%(name)s): mã quốc gia không hợp lệ: %(code)s.")
                % {**where, "code": country[:10]}
            )
        language = language if language in LANGUAGES else "vi"
        accepted.append((url, name, language, country or address_country(url)))
    if problems:
        raise RowsRefused(problems)
    created, undecided = 0, []
    for url, name, language, country in accepted:
        new = not Source.objects.filter(url=url, kind=SourceKind.FEED).exists()
        created += new
        foreign = language != "vi" or country not in ("", "VN")
        source_create(
            url=url,
            kind=SourceKind.FEED,
            name=name,
            language=language,
            outlet_type=OutletType.FOREIGN_PRESS if foreign else OutletType.DOMESTIC_PRESS,
            country=country or "VN",
        )
        if new and language != "vi" and not country:
            undecided.append(name or url)
    message = _("Đã đọc %(total)s nguồn: %(created)s nguồn mới, %(kept)s đã có (giữ nguyên).") % {
        "total": len(accepted),
        "created": created,
        "kept": len(accepted) - created,
    }
    if undecided:
        # A foreign-language feed on a generic domain (.com): nothing says where its newsroom is.
        message += " " + _(
            "%(count)s nguồn tiếng nước ngoài có tên miền chung (.com, .org…) đang để quốc gia "
            "Việt Nam, hãy mở từng nguồn và chọn nước của tòa soạn (giờ đăng được đọc theo giờ "
            "nước đó): %(names)s."
        ) % {"count": len(undecided), "names": ", ".join(undecided)}
    return SetupOutcome(message)
