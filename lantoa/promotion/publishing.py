"""What must hold before a public page goes live: its translation follows the official
terminology glossary, and every library item it shows may be used there (rights not expired, in
scope). Reads only; `PublishChecksMixin.publish` and the page form call `publication_check`."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, ReferenceIndex
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .constants import SITE_SCOPES, SOURCE_LANGUAGE, Licence
from .models.glossary import OfficialTerm
from .models.library import MediaAsset


@dataclass(frozen=True)
class Problem:
    """Why a page cannot be published. `path` is the field or segment (wagtail-localize's
    context path) the editor has to fix; `segment` and `expected` say what and how."""

    path: str
    message: str
    segment: str = ""
    expected: str = ""


def _segment_texts(instance) -> dict[str, str]:
    """Translatable text of an instance by segment path (several strings of a path joined)."""
    texts: dict[str, list[str]] = {}
    try:
        segments = extract_segments(instance)
    except Exception:
        return {}
    for segment in segments:
        if isinstance(segment, StringSegmentValue):
            texts.setdefault(segment.path, []).append(segment.string.render_text())
    return {path: "\n".join(parts) for path, parts in texts.items()}


def glossary_problems(page, *, source=None, terms=None) -> list[Problem]:
    """Segments of a translated page that break the glossary: the Vietnamese source segment
    names a fixed term, and the translation does not write it the official way."""
    language = page.locale.language_code if page.locale_id else SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return []
    if source is None:
        locale = Locale.objects.filter(language_code=SOURCE_LANGUAGE).first()
        original = page.get_translation_or_none(locale) if locale else None
        source = original.specific if original is not None else None
    if source is None:
        return []
    terms = list(OfficialTerm.objects.all()) if terms is None else terms
    if not terms:
        return []
    source_texts = _segment_texts(source)
    target_texts = _segment_texts(page)
    problems = []
    for path, source_text in source_texts.items():
        translated = target_texts.get(path)
        if translated is None or translated == source_text:
            continue  # not translated yet: the page shows the source text there
        for term in terms:
            expected = term.term(language)
            if (
                expected
                and term.vi.casefold() in source_text.casefold()
                and expected.casefold() not in translated.casefold()
            ):
                problems.append(
                    Problem(
                        path,
                        _("«%(vi)s» phải viết là «%(expected)s» (bảng thuật ngữ chính thức).")
                        % {"vi": term.vi, "expected": expected},
                        translated,
                        expected,
                    )
                )
    return problems


def _used_media(page) -> tuple[set, set]:
    """The ids of the Wagtail images and documents `page` shows (fields, blocks, rich text)."""
    image_type = ContentType.objects.get_for_model(get_image_model())
    document_type = ContentType.objects.get_for_model(get_document_model())
    images, documents = set(), set()
    for (
        content_type_id,
        object_id,
        _model_path,
        _content_path,
    ) in ReferenceIndex._extract_references_from_object(page):
        if content_type_id == image_type.pk:
            images.add(int(object_id))
        elif content_type_id == document_type.pk:
            documents.add(int(object_id))
    return images, documents


def _asset_problem(asset, today) -> str | None:
    if asset.rights_expire_on and asset.rights_expire_on < today:
        return _("Tư liệu «%(title)s» đã hết quyền sử dụng từ %(date)s.") % {
            "title": asset.title,
            "date": asset.rights_expire_on.strftime("%d/%m/%Y"),
        }
    if asset.scope not in SITE_SCOPES:
        return _(
            "Tư liệu «%(title)s» chỉ được dùng trong phạm vi «%(scope)s», "
            "không được đăng trên trang thông tin."
        ) % {"title": asset.title, "scope": asset.get_scope_display()}
    if asset.licence == Licence.UNKNOWN:
        return _("Tư liệu «%(title)s» chưa rõ giấy phép.") % {"title": asset.title}
    return None


def rights_problems(page, *, today=None) -> list[Problem]:
    """Library items on the page whose rights expired, are unknown, or do not cover the site,
    and images or documents on the page that have no library record (so no known rights)."""
    today = today or timezone.localdate()
    images, documents = _used_media(page)
    if not images and not documents:
        return []
    assets = MediaAsset.objects.filter(Q(image_id__in=images) | Q(document_id__in=documents))
    problems = []
    for asset in assets:
        images.discard(asset.image_id)
        documents.discard(asset.document_id)
        if message := _asset_problem(asset, today):
            problems.append(Problem("", message, asset.title))
    unrecorded = [
        *get_image_model().objects.filter(pk__in=images).order_by("pk"),
        *get_document_model().objects.filter(pk__in=documents).order_by("pk"),
    ]
    for media in unrecorded:
        problems.append(
            Problem(
                "",
                _(
                    "«%(title)s» chưa có trong kho tư liệu nên chưa rõ quyền sử dụng: ghi tác "
                    "giả, giấy phép và thời hạn tại Quảng bá › Thư viện tư liệu trước khi đăng."
                )
                % {"title": media.title},
                media.title,
            )
        )
    return problems


def publication_problems(page) -> list[Problem]:
    return rights_problems(page) + glossary_problems(page)


def publication_check(page) -> None:
    """Raise a ValidationError (keyed by segment path where there is one, so wagtail-localize's
    editor shows it beside the segment) when `page` cannot be published."""
    problems = publication_problems(page)
    if not problems:
        return
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.path or "__all__", []).append(problem.message)
    raise ValidationError(errors)
