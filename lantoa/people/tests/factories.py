from datetime import date

import factory

from lantoa.core.models import Unit
from lantoa.people import models
from lantoa.people.constants import CollaboratorKind, ConsentMethod, WorkRole


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"don-vi-{n}")
    name = factory.Sequence(lambda n: f"Đơn vị thử {n}")
    kind = "other"


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StaffMember

    full_name = factory.Sequence(lambda n: f"Cán bộ Thử {n}")
    unit = factory.SubFactory(UnitFactory)
    work_role = WorkRole.MONITOR


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Training

    title = factory.Sequence(lambda n: f"Lớp tập huấn {n}")
    start_date = date(2026, 5, 1)
    end_date = factory.SelfAttribute("start_date")
    organiser = "Ban Tuyên giáo"


class TrainingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TrainingAttendance

    training = factory.SubFactory(TrainingFactory)
    staff = factory.SubFactory(StaffMemberFactory)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RapidResponseTeam

    name = factory.Sequence(lambda n: f"Tổ PƯN {n}")
    unit = factory.SubFactory(UnitFactory)


class CollaboratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Collaborator

    full_name = factory.Sequence(lambda n: f"Cộng tác viên Thử {n}")
    kind = CollaboratorKind.ARTIST
    unit = factory.SubFactory(UnitFactory)
    agreed_activities = "Biểu diễn tại sự kiện quảng bá"
    consent_date = date(2026, 1, 10)
    consent_scope = "Lưu tên và điện thoại trong năm 2026"
    consent_method = ConsentMethod.WRITTEN
    phone = "0905 999 888"
    email = "ctv@example.vn"
