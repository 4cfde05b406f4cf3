"""The document numbering register: numbers from 01 per issuing body, type and term."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lantoa.core.audit import audit
from lantoa.core.models import Unit

from ..constants import DOC_TYPE_ABBR, DocSystem
from ..models import DocumentNumber

# Party terms of the ward level run five years from a congress year (2020-2025, 2025-2030 …).
_FIRST_TERM_YEAR = 2020


def party_term(on: date) -> str:
    start = _FIRST_TERM_YEAR + 5 * ((on.year - _FIRST_TERM_YEAR) // 5)
    return f"{start}-{start + 5}"


def document_term(system: str, on: date) -> str:
    """Party documents are numbered per term, state documents per calendar year."""
    return party_term(on) if system == DocSystem.PARTY else str(on.year)


def _issuer_abbr(unit: Unit) -> str:
    if not unit.short_name:
        raise ValidationError(
            _("Đơn vị %(unit)s chưa có tên viết tắt để ghi ký hiệu văn bản.") % {"unit": unit}
        )
    return unit.short_name


def document_symbol(*, system: str, doc_type: str, issuing_unit: Unit) -> str:
    """Party: "BC/ĐU" (Hướng dẫn 36); state: "BC-UBND" (Nghị định 30)."""
    abbr = DOC_TYPE_ABBR.get(doc_type)
    if abbr is None:
        raise ValidationError(_("Loại văn bản này không có ký hiệu viết tắt."))
    issuer = _issuer_abbr(issuing_unit)
    return f"{abbr}/{issuer}" if system == DocSystem.PARTY else f"{abbr}-{issuer}"


def document_code(*, system: str, number: int, symbol: str) -> str:
    return f"{number:02d}-{symbol}" if system == DocSystem.PARTY else f"{number:02d}/{symbol}"


def document_symbol_validate(*, code: str, system: str, doc_type: str, issuing_unit: Unit) -> None:
    """Raise ValidationError unless `code` ("05-BC/ĐU") is well formed for this body and type."""
    expected = document_symbol(system=system, doc_type=doc_type, issuing_unit=issuing_unit)
    separator = "-" if system == DocSystem.PARTY else "/"
    match = re.fullmatch(rf"(\d+){re.escape(separator)}(.+)", code.strip())
    if not match:
        raise ValidationError(
            _("Số, ký hiệu “%(code)s” sai dạng; đúng dạng là “01%(sep)s%(symbol)s”.")
            % {"code": code, "sep": separator, "symbol": expected}
        )
    if match.group(2) != expected:
        raise ValidationError(
            _("Ký hiệu “%(got)s” không đúng với %(unit)s; phải là “%(symbol)s”.")
            % {"got": match.group(2), "unit": issuing_unit, "symbol": expected}
        )


def document_number_allocate(
    *,
    issuing_unit: Unit,
    doc_type: str,
    issued_on: date,
    title: str = "",
    system: str | None = None,
    user=None,
) -> DocumentNumber:
    """Give the next number (01, 02, …) of this body, type and term; safe under concurrency."""
    system = system or (
        DocSystem.STATE
        if issuing_unit.kind in ("peoples_committee", "government_office")
        else DocSystem.PARTY
    )
    symbol = document_symbol(system=system, doc_type=doc_type, issuing_unit=issuing_unit)
    term = document_term(system, issued_on)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = DocumentNumber.objects.filter(
                    issuing_unit=issuing_unit, doc_type=doc_type, term=term
                ).aggregate(last=Max("number"))["last"]
                number = (last or 0) + 1
                entry = DocumentNumber.objects.create(
                    issuing_unit=issuing_unit,
                    system=system,
                    doc_type=doc_type,
                    term=term,
                    number=number,
                    symbol=symbol,
                    code=document_code(system=system, number=number, symbol=symbol),
                    title=title,
                    issued_on=issued_on,
                    created_by=user,
                )
        except IntegrityError:
            continue  # another request took this number first; take the next one
        audit(entry, "plans.number_allocate", user=user, data={"code": entry.code})
        return entry
    raise ValidationError(_("Không lấy được số văn bản, hãy thử lại."))
