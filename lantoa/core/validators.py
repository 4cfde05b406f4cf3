"""The one rule for a stored link: an absolute http:// or https:// address, nothing else.

A URL a person or a feed typed is later shown as a link someone clicks. Schemes such as
`javascript:`, `data:` or `vbscript:` run code or show forged pages when clicked, and browsers
forgive a lot (`JaVaScRiPt:`, a tab inside `java\tscript:`, leading spaces), so the rule is an
allow-list checked on the exact stored text: Django's URL validator limited to http and https.

Every place that stores a URL uses it: model fields (`core.fields.WebURLField`), forms (the same
field's form field), API schemas (`WebUrl` / `OptionalWebUrl` below) and the services behind them.
Templates show stored links through the `safe_href` filter (`core/templatetags/safe_links.py`),
which applies `is_web_url` again, so a row stored before the rule still cannot become a link.
"""

import re
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

WEB_SCHEMES = ("http", "https")
_url_validator = URLValidator(schemes=list(WEB_SCHEMES))


def web_url_message() -> str:
    return _("Đường dẫn không hợp lệ: chỉ nhận địa chỉ web bắt đầu bằng http:// hoặc https://.")


def is_web_url(value: object) -> bool:
    """True for an absolute http(s) URL that Django's URL validator accepts as it stands."""
    if not isinstance(value, str) or not value:
        return False
    try:
        _url_validator(value)
    except ValidationError:
        return False
    return True


# What may go into an href as it stands: an http(s) address or a path on this site (/documents/…).
# No whitespace or control character anywhere (browsers drop them, "java\tscript:" becomes
# "javascript:"), no backslash (browsers read "/\\host" as "//host").
_SAFE_HREF = re.compile(r"(?:https?://|/(?![/\\]))[^\s\x00-\x1f\x7f\\]*\Z", re.IGNORECASE)


def is_safe_href(value: object) -> bool:
    """True when `value` may become a link as it stands: an http(s) URL or a path on this site.
    Looser than `is_web_url` about the rest of the address (a feed's odd but harmless URL stays
    clickable), as strict about the scheme."""
    return isinstance(value, str) and bool(_SAFE_HREF.match(value))


def validate_web_url(value: str) -> None:
    """Django validator: refuse anything but an absolute http:// or https:// URL (a malformed
    http(s) address gets Django's own "enter a valid URL" message)."""
    if is_web_url(value):
        return
    scheme, colon, _rest = str(value).partition(":")
    if colon and scheme.lower() in WEB_SCHEMES:
        raise ValidationError(_url_validator.message, code="invalid")
    raise ValidationError(web_url_message(), code="web_url")


def validate_emails_or_web_url(value: str) -> None:
    """For a "recipients" field: e-mail addresses separated by commas, or one http(s) URL."""
    if not value:
        return
    if "://" in value or ":" in value.split("@", 1)[0]:
        validate_web_url(value)
        return
    for address in (part.strip() for part in value.split(",")):
        if address:
            validate_email(address)


def _pydantic_web_url(value: str) -> str:
    if not is_web_url(value):
        raise PydanticCustomError("web_url", web_url_message())
    return value


def _pydantic_optional_web_url(value: str) -> str:
    return value if value == "" else _pydantic_web_url(value)


# API schema types (django-ninja answers 422 with the Vietnamese message when they refuse).
WebUrl = Annotated[str, AfterValidator(_pydantic_web_url)]
OptionalWebUrl = Annotated[str, AfterValidator(_pydantic_optional_web_url)]
