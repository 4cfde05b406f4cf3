"""Backup and restore round-trip to identical row counts, checksums and files (SQLite and PG)."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lantoa.core.models import Unit, User
from lantoa.core.security.backups import table_fingerprints

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.restores_database]


@pytest.fixture
def stores(settings, tmp_path):
    settings.LANTOA_RAW_DIR = tmp_path / "raw"
    media = Path(settings.MEDIA_ROOT)
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "ke-hoach-78.txt").write_text("Kế hoạch số 78-KH/ĐU", encoding="utf-8")
    (settings.LANTOA_RAW_DIR / "2026" / "11").mkdir(parents=True)
    (settings.LANTOA_RAW_DIR / "2026" / "11" / "item-1.html.gz").write_bytes(b"\x1f\x8b raw")
    return media, settings.LANTOA_RAW_DIR


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_backup_then_restore_gives_back_identical_data_and_files(demo_ward, stores, tmp_path):
    media, raw = stores
    before = table_fingerprints()
    assert before["core_unit"]["rows"] == len(demo_ward)

    output = run("backup", "--output", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("lantoa-*.tar.gz"))
    assert "Đã sao lưu" in output
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {"manifest.json", manifest["database"]} <= set(names)
    expected = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[connection.vendor]
    assert manifest["database"] == expected
    assert "media/documents/ke-hoach-78.txt" in manifest["files"]
    assert "raw/2026/11/item-1.html.gz" in manifest["files"]
    assert manifest["tables"] == before

    # Damage everything after the backup: rows changed, added, deleted; files changed and added.
    Unit.objects.filter(code="mttq").update(name="Đã bị sửa")
    Unit.objects.create(code="moi", name="Đơn vị mới", kind="other")
    User.objects.filter(username="ubnd").delete()
    (media / "documents" / "ke-hoach-78.txt").write_text("hỏng", encoding="utf-8")
    (raw / "rac.bin").write_bytes(b"x")
    assert table_fingerprints() != before

    output = run("restore", str(archive), "--yes")
    assert "khớp" in output
    assert table_fingerprints() == before
    assert Unit.objects.get(code="mttq").name != "Đã bị sửa"
    assert not Unit.objects.filter(code="moi").exists()
    assert User.objects.filter(username="ubnd").exists()
    assert (media / "documents" / "ke-hoach-78.txt").read_text(encoding="utf-8").startswith("Kế")
    assert not (raw / "rac.bin").exists()


def test_a_tampered_archive_is_refused_before_anything_changes(demo_ward, stores, tmp_path):
    run("backup", "--output", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("lantoa-*.tar.gz"))
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name == "media/documents/ke-hoach-78.txt":
                payload = "giả mạo".encode()
                member.size = len(payload)
                data = io.BytesIO(payload)
            target.addfile(member, data)
    Unit.objects.create(code="sau-sao-luu", name="Tạo sau sao lưu", kind="other")
    before = table_fingerprints()
    with pytest.raises(CommandError, match="tổng kiểm tra"):
        run("restore", str(tampered), "--yes")
    assert table_fingerprints() == before


def test_keep_prunes_old_archives(demo_ward, stores, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20250101-000000", "20250102-000000", "20250103-000000"):
        (folder / f"lantoa-{stamp}.tar.gz").write_bytes(b"old")
    run("backup", "--output", str(folder), "--keep", "2")
    kept = sorted(path.name for path in folder.glob("lantoa-*.tar.gz"))
    assert len(kept) == 2 and "lantoa-20250103-000000.tar.gz" in kept


def test_restore_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        run("restore", str(tmp_path / "khong-co.tar.gz"), "--yes")


def test_nightly_task_writes_an_archive(demo_ward, stores, settings, tmp_path):
    from lantoa.core.security.tasks import backup_nightly_task

    settings.VAR_DIR = tmp_path / "var"
    backup_nightly_task.apply(kwargs={"keep": 3}).get()  # in-process, whatever the eager setting
    assert len(list((tmp_path / "var" / "backups").glob("lantoa-*.tar.gz"))) == 1


# --- file mode and encryption ------------------------------------------------------------------

KEY = "khoa-sao-luu-thu-nghiem-rat-dai-0123456789abcdef"


def test_archives_are_readable_by_their_owner_only(demo_ward, stores, tmp_path, settings):
    settings.LANTOA_BACKUP_KEY = ""
    run("backup", "--output", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("lantoa-*.tar.gz"))
    assert archive.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "backups").stat().st_mode & 0o077 == 0


def test_an_encrypted_backup_restores_with_its_key(demo_ward, stores, tmp_path, settings):
    media, _raw = stores
    settings.LANTOA_BACKUP_KEY = KEY
    before = table_fingerprints()
    run("backup", "--output", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("lantoa-*.tar.gz.enc"))
    assert archive.stat().st_mode & 0o777 == 0o600
    content = archive.read_bytes()
    assert b"manifest.json" not in content and b"\x1f\x8b" not in content[:64]
    with pytest.raises(tarfile.TarError):
        tarfile.open(archive).close()
    Unit.objects.filter(code="mttq").update(name="Đã bị sửa")
    (media / "documents" / "ke-hoach-78.txt").write_text("hỏng", encoding="utf-8")
    assert "khớp" in run("restore", str(archive), "--yes")
    assert table_fingerprints() == before
    assert (media / "documents" / "ke-hoach-78.txt").read_text(encoding="utf-8").startswith("Kế")


def _damaged(archive: Path, tmp_path: Path, how: str) -> Path:
    data = bytearray(archive.read_bytes())
    if how == "flip":
        data[len(data) // 2] ^= 0x01
    elif how == "truncate":
        data = data[: len(data) - 40]
    target = tmp_path / f"{how}.tar.gz.enc"
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("how", ["wrong_key", "no_key", "flip", "truncate"])
def test_a_wrong_key_or_a_damaged_encrypted_archive_changes_nothing(
    demo_ward, stores, tmp_path, settings, how
):
    media, _raw = stores
    settings.LANTOA_BACKUP_KEY = KEY
    run("backup", "--output", str(tmp_path / "backups"))
    archive = next((tmp_path / "backups").glob("lantoa-*.tar.gz.enc"))
    if how in ("flip", "truncate"):
        archive = _damaged(archive, tmp_path, how)
    settings.LANTOA_BACKUP_KEY = {"wrong_key": KEY + "x", "no_key": ""}.get(how, KEY)
    Unit.objects.create(code="sau-sao-luu", name="Tạo sau sao lưu", kind="other")
    (media / "documents" / "moi.txt").write_text("mới", encoding="utf-8")
    before = table_fingerprints()
    expected = "cần đặt LANTOA_BACKUP_KEY" if how == "no_key" else "sai khóa"
    with pytest.raises(CommandError, match=expected):
        run("restore", str(archive), "--yes")
    assert table_fingerprints() == before
    assert (media / "documents" / "moi.txt").exists()
