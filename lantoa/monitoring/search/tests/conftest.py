import pytest


@pytest.fixture
def monitor_ward(demo_ward):
    """The demo ward with monitoring's role grants, so the monitor (theodoi) may read items."""
    from lantoa.monitoring.permissions import permissions_grant

    permissions_grant()
    return demo_ward
