"""The query language: Lucene-style text parsed with luqum into a small tree of our own.

Grammar (what luqum accepts, minus what we refuse): words, "phrases", AND / OR / NOT (also `+` and
`-`), implicit AND between terms, parentheses, fields `title:`, `source:`, `lang:`, `date:`, a
trailing wildcard (`nhơ*`, at least three characters before the star) and date ranges
(`date:[2026-08-01 TO 2026-08-20]`, `date:>=2026-08-01`, `date:2026-08-15`).

A query written with diacritics (in any of its words) matches the exact form of the text; a query
written without them matches the folded form (see `tokens.py`). Every mistake raises `QueryError`
with a Vietnamese message and the 0-based character position it points at; nothing else escapes
`parse_query`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from luqum import tree
from luqum.exceptions import IllegalCharacterError, ParseError
from luqum.thread import parse as luqum_parse

from lantoa.core.text import has_diacritics, nfc

from .nodes import (
    And,
    DateFilter,
    LanguageFilter,
    Not,
    Or,
    ParsedQuery,
    QueryError,
    SourceFilter,
    Term,
)
from .tokens import exact_tokens, folded_tokens

__all__ = [
    "And",
    "DateFilter",
    "LanguageFilter",
    "Not",
    "Or",
    "ParsedQuery",
    "QueryError",
    "SourceFilter",
    "Term",
    "parse_query",
    "unaccented",
]

MIN_PREFIX = 3
MAX_QUERY_LENGTH = 2000
TEXT_FIELDS = {"title": "title"}
FILTER_FIELDS = {"source", "lang", "date"}
FIELD_ALIASES = {
    "tieude": "title",
    "tiêu_đề": "title",
    "nguon": "source",
    "nguồn": "source",
    "language": "lang",
    "ngonngu": "lang",
    "ngay": "date",
    "ngày": "date",
}
_POSITION = re.compile(r"position (\d+)")


# --- Parsing --------------------------------------------------------------------------------------


def parse_query(text: str) -> ParsedQuery:
    """Parse `text`; raise QueryError (and nothing else) when it is not a valid query."""
    text = nfc(text or "").strip()
    if not text:
        raise QueryError("Hãy nhập nội dung cần tìm.", 0, text)
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"Câu truy vấn quá dài (tối đa {MAX_QUERY_LENGTH} ký tự).", MAX_QUERY_LENGTH, text
        )
    _check_balance(text)
    try:
        luqum_tree = luqum_parse(text)
    except IllegalCharacterError as exc:
        position = _position(str(exc), text)
        raise QueryError(
            f"Ký tự không hợp lệ ở vị trí {position + 1}: hãy kiểm tra dấu ngoặc kép.",
            position,
            text,
        ) from None
    except ParseError as exc:
        message = str(exc)
        if "at the end" in message or "end of expression" in message:
            raise QueryError(
                "Câu truy vấn kết thúc giữa chừng: thiếu từ sau AND/OR/NOT hoặc thiếu dấu ngoặc.",
                len(text),
                text,
            ) from None
        position = _position(message, text)
        near = text[position : position + 10]
        raise QueryError(
            f"Cú pháp không hợp lệ ở vị trí {position + 1} (gần “{near}”).",
            position,
            text,
        ) from None
    except RecursionError:
        raise QueryError("Câu truy vấn lồng quá nhiều dấu ngoặc.", 0, text) from None
    except Exception:  # luqum/PLY may raise anything on odd input; the user gets a message
        raise QueryError("Không hiểu câu truy vấn này.", 0, text) from None
    try:
        root = _convert(luqum_tree, text, field=None)
    except RecursionError:
        raise QueryError("Câu truy vấn lồng quá nhiều dấu ngoặc.", 0, text) from None
    if root is None:
        raise QueryError("Câu truy vấn không có chữ hoặc số nào để tìm.", 0, text)
    if any(has_diacritics(term.raw) for term in _walk_terms(root)):
        root = _exact(root)
    return ParsedQuery(text=text, root=root)


def _walk_terms(node):
    if isinstance(node, Term):
        yield node
    elif isinstance(node, And | Or):
        for child in node.children:
            yield from _walk_terms(child)
    elif isinstance(node, Not):
        yield from _walk_terms(node.child)


def _exact(node):
    """The same tree with every text term matched on the exact form (the query has diacritics)."""
    if isinstance(node, Term):
        tokens = tuple(exact_tokens(node.raw))
        return Term(tokens=tokens, exact=True, field=node.field, prefix=node.prefix, raw=node.raw)
    if isinstance(node, And | Or):
        return type(node)(tuple(_exact(child) for child in node.children))
    if isinstance(node, Not):
        return Not(_exact(node.child))
    return node


def unaccented(node):
    """The same tree with every text term matched on the folded form (as if typed without
    diacritics): the relaxed variant of a query, which also finds text written without marks."""
    if isinstance(node, Term):
        tokens = tuple(folded_tokens(node.raw))
        return Term(tokens=tokens, exact=False, field=node.field, prefix=node.prefix, raw=node.raw)
    if isinstance(node, And | Or):
        return type(node)(tuple(unaccented(child) for child in node.children))
    if isinstance(node, Not):
        return Not(unaccented(node.child))
    return node


def _position(message: str, text: str) -> int:
    match = _POSITION.search(message)
    return min(int(match.group(1)), len(text)) if match else 0


def _check_balance(text: str) -> None:
    """Point at the unmatched quote or bracket (luqum's own message says only "at the end")."""
    in_quote = None
    stack: list[tuple[str, int]] = []
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
            continue
        if in_quote is not None:
            if char == '"':
                in_quote = None
            continue
        if char == '"':
            in_quote = index
        elif char in "([{":
            stack.append((char, index))
        elif char in ")]}":
            if not stack:
                raise QueryError(f"Dấu “{char}” ở vị trí {index + 1} không có dấu mở.", index, text)
            stack.pop()
    if in_quote is not None:
        raise QueryError(f"Dấu ngoặc kép ở vị trí {in_quote + 1} chưa được đóng.", in_quote, text)
    if stack:
        char, index = stack[-1]
        raise QueryError(f"Dấu “{char}” ở vị trí {index + 1} chưa được đóng.", index, text)


def _pos(node) -> int:
    return getattr(node, "pos", None) or 0


def _combine(kind, children):
    children = tuple(c for c in children if c is not None)
    if not children:
        return None
    if len(children) == 1:
        return children[0]
    flat = []
    for child in children:
        flat.extend(child.children if isinstance(child, kind) else [child])
    return kind(tuple(flat))


def _convert(node, text: str, *, field: str | None):
    if isinstance(node, tree.Group | tree.FieldGroup):
        return _convert(node.expr, text, field=field)
    if isinstance(node, tree.AndOperation | tree.UnknownOperation):
        return _combine(And, [_convert(c, text, field=field) for c in node.children])
    if isinstance(node, tree.OrOperation):
        return _combine(Or, [_convert(c, text, field=field) for c in node.children])
    if isinstance(node, tree.Not | tree.Prohibit):
        child = _convert(node.a, text, field=field)
        return Not(child) if child is not None else None
    if isinstance(node, tree.Plus):
        return _convert(node.a, text, field=field)
    if isinstance(node, tree.Boost):
        return _convert(node.expr, text, field=field)
    if isinstance(node, tree.SearchField):
        name = nfc(node.name).casefold()
        name = FIELD_ALIASES.get(name, name)
        if field is not None:
            raise QueryError(
                f"Không thể lồng trường “{node.name}:” trong trường “{field}:”.", _pos(node), text
            )
        if name not in TEXT_FIELDS and name not in FILTER_FIELDS:
            raise QueryError(
                f"Không có trường “{node.name}:”. Dùng title:, source:, lang: hoặc date:"
                " (muốn tìm dấu hai chấm thì đặt cụm từ trong ngoặc kép).",
                _pos(node),
                text,
            )
        if name in FILTER_FIELDS:
            return _convert_filter(name, node.expr, text)
        return _convert(node.expr, text, field=name)
    if isinstance(node, tree.Phrase):
        return _term(node.value[1:-1], node, text, field=field, phrase=True)
    if isinstance(node, tree.Word):
        return _term(node.value, node, text, field=field, phrase=False)
    if isinstance(node, tree.Range | tree.From | tree.To):
        raise QueryError(
            "Khoảng giá trị chỉ dùng với trường ngày: date:[2026-08-01 TO 2026-08-20].",
            _pos(node),
            text,
        )
    if isinstance(node, tree.Fuzzy | tree.Proximity):
        raise QueryError(
            "Chưa hỗ trợ tìm gần đúng (dấu ~): hãy bỏ dấu ~.", _pos(node) + len(str(node)), text
        )
    if isinstance(node, tree.Regex):
        raise QueryError(
            "Chưa hỗ trợ biểu thức chính quy (/…/): hãy đặt cụm từ trong ngoặc kép.",
            _pos(node),
            text,
        )
    raise QueryError("Không hiểu phần này của câu truy vấn.", _pos(node), text)


def _term(raw: str, node, text: str, *, field: str | None, phrase: bool):
    raw = raw.replace("\\", "")
    prefix = False
    if not phrase:
        if "?" in raw or "*" in raw.rstrip("*") or raw.count("*") > 1:
            where = _pos(node) + max(raw.find("?"), raw.find("*"), 0)
            raise QueryError(
                "Dấu * chỉ được đặt ở cuối từ (ví dụ: nhơ*); dấu ? không được hỗ trợ.", where, text
            )
        if raw.endswith("*"):
            raw = raw[:-1]
            prefix = True
            if len(raw) < MIN_PREFIX:
                raise QueryError(
                    f"Cần ít nhất {MIN_PREFIX} ký tự trước dấu * (ví dụ: nhơ*).",
                    _pos(node) + len(raw),
                    text,
                )
    tokens = tuple(folded_tokens(raw))
    if not tokens:
        if prefix:
            raise QueryError(f"Cần ít nhất {MIN_PREFIX} chữ hoặc số trước dấu *.", _pos(node), text)
        return None
    if prefix and len(tokens[-1]) < MIN_PREFIX:
        raise QueryError(
            f"Cần ít nhất {MIN_PREFIX} ký tự trước dấu * (ví dụ: nhơ*).", _pos(node), text
        )
    # Folded for now; parse_query switches every term to the exact form when any has diacritics.
    return Term(
        tokens=tokens, exact=False, field=TEXT_FIELDS.get(field or ""), prefix=prefix, raw=raw
    )


def _convert_filter(name: str, node, text: str):
    if isinstance(node, tree.Group | tree.FieldGroup):
        inner = node.expr
        if isinstance(inner, tree.OrOperation | tree.AndOperation | tree.UnknownOperation):
            kind = Or if isinstance(inner, tree.OrOperation) else And
            return _combine(kind, [_convert_filter(name, c, text) for c in inner.children])
        return _convert_filter(name, inner, text)
    if isinstance(node, tree.Not | tree.Prohibit):
        child = _convert_filter(name, node.a, text)
        return Not(child) if child is not None else None
    if name == "date":
        return _date_filter(node, text)
    if not isinstance(node, tree.Word | tree.Phrase):
        raise QueryError(f"Giá trị của “{name}:” không hợp lệ.", _pos(node), text)
    value = node.value[1:-1] if isinstance(node, tree.Phrase) else node.value
    value = value.replace("\\", "").strip()
    if not value:
        raise QueryError(f"Thiếu giá trị sau “{name}:”.", _pos(node), text)
    if name == "lang":
        return LanguageFilter(value.casefold())
    return SourceFilter(value)


def _parse_day(word, text: str) -> date | None:
    value = word.value.strip('"') if isinstance(word, tree.Term) else str(word)
    if value == "*":
        return None
    for parse in (date.fromisoformat, lambda v: datetime.strptime(v, "%d/%m/%Y").date()):
        try:
            return parse(value)
        except ValueError:
            continue
    raise QueryError(
        f"Ngày “{value}” không hợp lệ: viết theo dạng 2026-08-15 hoặc 15/08/2026.",
        _pos(word),
        text,
    )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _date_filter(node, text: str) -> DateFilter:
    if isinstance(node, tree.Range):
        low, high = _parse_day(node.low, text), _parse_day(node.high, text)
        start = None if low is None else _start_of(low if node.include_low else low + timedelta(1))
        end = (
            None if high is None else _start_of(high + timedelta(1) if node.include_high else high)
        )
    elif isinstance(node, tree.From):
        day = _parse_day(node.a, text)
        start = None if day is None else _start_of(day if node.include else day + timedelta(1))
        end = None
    elif isinstance(node, tree.To):
        day = _parse_day(node.a, text)
        start = None
        end = None if day is None else _start_of(day + timedelta(1) if node.include else day)
    elif isinstance(node, tree.Word | tree.Phrase):
        day = _parse_day(node, text)
        if day is None:
            return DateFilter(None, None)
        start, end = _start_of(day), _start_of(day + timedelta(1))
    else:
        raise QueryError(
            "Giá trị của “date:” không hợp lệ: date:2026-08-15 hoặc "
            "date:[2026-08-01 TO 2026-08-20].",
            _pos(node),
            text,
        )
    if start is not None and end is not None and start >= end:
        raise QueryError("Khoảng ngày rỗng: ngày đầu sau ngày cuối.", _pos(node), text)
    return DateFilter(start, end)
