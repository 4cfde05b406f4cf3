"""`make run`'s launcher (`python -m lantoa.run`): Ctrl-C stops every process cleanly, a real
Celery worker included (a warm shutdown, never SIGKILL), and the launcher exits 0."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
STAND_IN = (
    "import signal, sys, time; "
    "signal.signal(signal.SIGINT, lambda *a: (print('web: stopped', flush=True), sys.exit(0))); "
    "print('web: up', flush=True); time.sleep(600)"
)


def _wait_for(path: Path, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        output = path.read_text(errors="replace")
        if text in output:
            return output
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not seen in {seconds} s:\n{path.read_text(errors='replace')}")


def test_ctrl_c_stops_web_and_a_real_worker_cleanly(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text(
        f"web: {sys.executable} -c {STAND_IN!r}\n"
        f"worker: {ROOT / '.venv/bin/celery'} -A lantoa worker --loglevel=INFO --pool=solo "
        "--queues=default --without-mingle --without-gossip --without-heartbeat\n",
        encoding="utf-8",
    )
    log = tmp_path / "run.log"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": "filesystem://",
        "LANTOA_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    with log.open("w") as out:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "lantoa.run", str(procfile)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait_for(log, "ready.", 120)
            _wait_for(log, "web: up", 10)
            launcher.send_signal(signal.SIGINT)  # what Ctrl-C does on the launcher's terminal
            assert launcher.wait(timeout=60) == 0
        finally:
            if launcher.poll() is None:
                os.killpg(launcher.pid, signal.SIGKILL)
    output = log.read_text(errors="replace")
    assert "Warm shutdown" in output and "web: stopped" in output
    assert "đã dừng hết" in output and "buộc dừng" not in output
