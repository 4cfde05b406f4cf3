"""A real Celery worker process consuming from a real Redis broker."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.redis
def test_worker_consumes_from_redis(redis_url, tmp_path):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "LANTOA_CELERY_EAGER": "0",
        "LANTOA_VAR_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lantoa",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            f"--queues={queue}",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = Celery("lantoa-test", broker=redis_url, backend=redis_url)
    try:
        results = [
            client.send_task("lantoa.core.tasks.text_fold", args=[text], queue=queue)
            for text in ("Đồng bào Quy Nhơn", "Gia Lai", "Kết luận")
        ]
        assert [result.get(timeout=60) for result in results] == [
            "Dong bao Quy Nhon",
            "Gia Lai",
            "Ket luan",
        ]
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode in (0, -15), output
