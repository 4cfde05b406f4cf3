"""Reading stories: which items are foreign coverage, and a story's origin trace."""

from django.db.models import F, Q

from lantoa.core.constants import country_name, language_name
from lantoa.monitoring.constants import OutletType
from lantoa.monitoring.models import Item, Story


def is_foreign(item: Item) -> bool:
    """Foreign coverage, the one rule used everywhere (trace, pickup alert, KPI, international
    view, the item list's filter): a foreign-press outlet, a source country other than VN (none
    given counts as VN), or a known language other than Vietnamese."""
    source = item.source
    return (
        source.outlet_type == OutletType.FOREIGN_PRESS
        or (source.country or "VN").upper() != "VN"
        or bool(item.language and item.language.split("-")[0] != "vi")
    )


def foreign_q(prefix: str = "") -> Q:
    """The same test as `is_foreign`, as a filter on items (`prefix` e.g. "items__")."""
    return (
        Q(**{f"{prefix}source__outlet_type": OutletType.FOREIGN_PRESS})
        | ~(Q(**{f"{prefix}source__country__iexact": "VN"}) | Q(**{f"{prefix}source__country": ""}))
        | (~Q(**{f"{prefix}language": ""}) & ~Q(**{f"{prefix}language__startswith": "vi"}))
    )


def story_trace(story: Story) -> dict:
    """The origin trace: the first outlet and time, then each outlet's and each language's first
    item in order, and when the story first appeared abroad."""
    items = list(
        story.items.select_related("source").order_by(
            F("published_at").asc(nulls_last=True), "fetched_at", "id"
        )
    )
    outlets, languages = [], []
    seen_outlets, seen_languages = set(), set()
    abroad = None
    for item in items:
        moment = item.published_at or item.fetched_at
        step = {
            "outlet": item.source.name,
            "country": item.source.country,
            "country_name": country_name(item.source.country),
            "outlet_type": item.source.outlet_type,
            "language": item.language,
            "language_name": language_name(item.language),
            "at": moment,
            "item_id": item.pk,
            "title": item.title,
            "foreign": is_foreign(item),
        }
        if item.source_id not in seen_outlets:
            seen_outlets.add(item.source_id)
            outlets.append(step)
        # Abroad from the first foreign item, which may be a later item of an outlet already
        # listed (a domestic page posting in English): the same rule as the story's foreign_at.
        if abroad is None and step["foreign"]:
            abroad = step
        if item.language and item.language not in seen_languages:
            seen_languages.add(item.language)
            languages.append(
                {
                    "language": item.language,
                    "language_name": language_name(item.language),
                    "at": moment,
                    "item_id": item.pk,
                }
            )
    first = outlets[0] if outlets else None
    return {
        "first": first,
        "outlets": outlets,
        "languages": languages,
        "abroad": abroad,
        "local": bool(first and not first["foreign"]),
    }
