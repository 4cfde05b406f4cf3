"""A wrong environment stops start-up with one clear line; production settings pass --deploy."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"DATABASE_URL": "nosuchdb://user@host/name"}, "DATABASE_URL"),
        ({"DJANGO_DEBUG": "0"}, "DJANGO_SECRET_KEY"),
    ],
)
def test_configuration_error_is_one_line_without_traceback(env, needle):
    result = run_manage("check", **env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0] and lines[0].startswith("Lantoa")


def test_unreachable_database_is_one_line(tmp_path):
    result = run_manage("migrate", "--check", DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "DATABASE_URL" in result.stderr.splitlines()[-1]


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 20 + "-production-secret-with-enough-variety-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="lantoa.example.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_lantoa_settings_come_from_the_environment_with_the_place_written_once():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.LANTOA_SLA_HOURS['high'], "
        "s.LANTOA_SLA_ALERT_RATIO, s.LANTOA_OFFICE_NAME, s.LANTOA_PARTY_PARENT_BODY, "
        "s.LANTOA_DOC_MARGINS, sep='|')",
        LANTOA_SLA_HIGH_HOURS="6",
        LANTOA_SLA_ALERT_RATIO="0.5",
        LANTOA_OFFICE_PLACE="Hội An",
        LANTOA_PROVINCE="Đà Nẵng",
        LANTOA_DOC_MARGINS="left=35",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split("|") == [
        "6.0",
        "0.5",
        "Đảng ủy phường Hội An",
        "Đảng bộ tỉnh Đà Nẵng",
        "{'left': 35.0}",
    ]


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"LANTOA_SLA_ALERT_RATIO": "1.5"}, "LANTOA_SLA_ALERT_RATIO"),
        ({"LANTOA_SLA_LOW_HOURS": "0"}, "LANTOA_SLA_LOW_HOURS"),
        ({"LANTOA_SLA_HIGH_HOURS": "hai ngày"}, "LANTOA_SLA_"),
    ],
)
def test_a_senseless_sla_setting_stops_start_up_with_one_line(env, needle):
    result = run_manage("check", **env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0] and lines[0].startswith("Lantoa")


SETTING_READ = re.compile(r"settings\.(LANTOA_[A-Z0-9_]+)")
ENV_READ = re.compile(r"env\.\w+\(\s*\"(LANTOA_[A-Z0-9_]+)\"")


def _code_files():
    for path in (ROOT / "lantoa").rglob("*.py"):
        if "tests" not in path.parts and path.name != "settings.py":
            yield path


def test_every_lantoa_setting_the_code_reads_is_declared_in_settings():
    from django.conf import settings

    read = {name for path in _code_files() for name in SETTING_READ.findall(path.read_text())}
    assert len(read) >= 20
    assert sorted(name for name in read if not hasattr(settings, name)) == []
    hidden = [p for p in _code_files() if 'getattr(settings, "LANTOA_' in p.read_text()]
    assert hidden == []


def test_the_operations_guide_lists_every_lantoa_setting_and_environment_variable():
    from django.conf import settings

    variables = set(ENV_READ.findall((ROOT / "lantoa" / "settings.py").read_text()))
    assert len(variables) >= 40
    variables |= {name for name in dir(settings) if name.startswith("LANTOA_")}
    table = (ROOT / "docs" / "operations.md").read_text()
    assert sorted(v for v in variables if f"`{v}`" not in table) == []


@pytest.mark.parametrize(
    ("cache_url", "engine"),
    [
        (None, "django.contrib.sessions.backends.db"),
        ("locmemcache://", "django.contrib.sessions.backends.db"),
        ("redis://127.0.0.1:6379/2", "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_come_from_the_cache_only_when_every_process_shares_it(cache_url, engine):
    env = {"LANTOA_CACHE_URL": cache_url} if cache_url else {}
    done = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)", **env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == engine
