from lantoa.core.models import Unit, User
from lantoa.core.roles import is_unit_scoped, scope_to_unit


def test_unit_reporter_sees_only_their_unit(demo_ward):
    reporter = User.objects.get(username="mttq")
    assert is_unit_scoped(reporter)
    visible = scope_to_unit(Unit.objects.all(), reporter, "pk")
    assert list(visible) == [demo_ward["mttq"]]


def test_leader_and_monitor_see_every_unit(demo_ward):
    for username in ("lanhdao", "theodoi", "admin"):
        user = User.objects.get(username=username)
        assert not is_unit_scoped(user)
        assert scope_to_unit(Unit.objects.all(), user, "pk").count() == Unit.objects.count()


def test_scoped_user_without_unit_sees_nothing(demo_ward):
    user = User.objects.create_user("lost", password="x")
    assert scope_to_unit(Unit.objects.all(), user, "pk").count() == 0
