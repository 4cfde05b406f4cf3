"""A real Celery worker process consuming from a real Redis broker."""

import uuid

import pytest
from celery import Celery


@pytest.mark.redis
def test_worker_consumes_from_redis(redis_url, celery_workers):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = celery_workers.start(redis_url, queue)
    client = Celery("lantoa-test", broker=redis_url, backend=redis_url)
    results = [
        client.send_task("lantoa.core.tasks.text_fold_task", args=[text], queue=queue)
        for text in ("Đồng bào Quy Nhơn", "Gia Lai", "Kết luận")
    ]
    assert [result.get(timeout=60) for result in results] == [
        "Dong bao Quy Nhon",
        "Gia Lai",
        "Ket luan",
    ]
    celery_workers.stop(worker)
    assert worker.returncode in (0, -15), worker.log_path.read_text()
