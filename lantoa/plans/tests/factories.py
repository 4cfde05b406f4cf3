"""Factories for plans records (units come from the demo ward fixture)."""

from datetime import date

import factory

from lantoa.core.constants import UnitKind
from lantoa.core.models import Unit
from lantoa.plans.constants import DocType
from lantoa.plans.models import Directive


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"don-vi-{n}")
    name = factory.Sequence(lambda n: f"Đơn vị thử {n}")
    short_name = factory.Sequence(lambda n: f"ĐV{n}")
    kind = UnitKind.OTHER


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directive
        django_get_or_create = ("code",)

    number = factory.Sequence(lambda n: str(100 + n))
    symbol = "KL/TW"
    code = factory.LazyAttribute(lambda o: f"{o.number}-{o.symbol}")
    doc_type = DocType.CONCLUSION
    title = "một kết luận để thử"
    issuer = "Bộ Chính trị"
    issued_on = date(2025, 1, 10)


def make_task(units, *, lead="ubnd", coordinating=(), **kwargs):
    from lantoa.plans.services import task_create

    defaults = {
        "title": "Nhiệm vụ thử",
        "start_date": date(2026, 1, 1),
        "due_date": date(2026, 6, 30),
    }
    defaults.update(kwargs)
    return task_create(
        lead_unit=units[lead], coordinating_units=[units[c] for c in coordinating], **defaults
    )
