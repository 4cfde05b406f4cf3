"""Backup and restore: database, uploaded media and the raw store in one timestamped archive.

The archive (`lantoa-YYYYMMDD-HHMMSS.tar.gz`) holds
- `database.sqlite3` (SQLite online backup API: consistent while the site keeps running) or
  `database.pgdump` (`pg_dump --format=custom`, restored with `pg_restore`);
- `media/` (MEDIA_ROOT) and `raw/` (the monitoring raw store, LANTOA_RAW_DIR or var/raw) if present;
- `manifest.json`: row count and content checksum of every table, and the SHA-256 of every file.

`restore` checks every file against the manifest before touching anything, replaces the database
and folders, then recounts and re-checksums every table: the restore fails loudly unless the data
is identical to what was backed up.

Archives are written readable by their owner only (mode 0600, in a 0700 folder): they hold every
password hash and personal record. With `LANTOA_BACKUP_KEY` set, the archive is also encrypted
(`lantoa-….tar.gz.enc`, AES-256-GCM, see `backup_crypto`); restore decrypts and authenticates the
whole file into a private temporary folder before it checks the manifest, so a wrong key or a
modified byte is refused before anything is touched.
"""

import datetime as dt
import decimal
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from .backup_crypto import DecryptionError, decrypt_file, encrypt_file, is_encrypted

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
ENCRYPTED_SUFFIX = ".enc"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict


# --- what is backed up -------------------------------------------------------------------------


def raw_dir() -> Path:
    return Path(settings.LANTOA_RAW_DIR)


def folders() -> dict[str, Path]:
    """Archive name → folder on disk."""
    return {"media": Path(settings.MEDIA_ROOT), "raw": raw_dir()}


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


# --- checksums ---------------------------------------------------------------------------------


def _canonical(value) -> str:
    if value is None:
        return "\0"
    if isinstance(value, bytes | memoryview | bytearray):
        return bytes(value).hex()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return str(value)


def table_fingerprints() -> dict[str, dict]:
    """{table: {"rows": n, "sha256": digest of its rows in primary-key order}} for every table."""
    result = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor, include_views=False))
        for table in tables:
            if table.startswith("sqlite_"):
                continue
            description = connection.introspection.get_table_description(cursor, table)
            selected = ", ".join(quote(column.name) for column in description)
            key = connection.introspection.get_primary_key_column(cursor, table)
            order = f" ORDER BY {quote(key)}" if key else ""
            cursor.execute(f"SELECT {selected} FROM {quote(table)}{order}")  # noqa: S608 (names from introspection)
            lines = (
                "\x1f".join(_canonical(value) for value in row).encode()
                for batch in iter(lambda: cursor.fetchmany(2000), [])
                for row in batch
            )
            if not key:  # no key to order by (rare, small tables): order the rows themselves
                lines = iter(sorted(lines))
            digest = hashlib.sha256()
            rows = 0
            for line in lines:
                digest.update(line + b"\x1e")
                rows += 1
            result[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def folder_checksums(root: Path, prefix: str) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        f"{prefix}/{path.relative_to(root).as_posix()}": _file_sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# --- database dump and load --------------------------------------------------------------------


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    args += ["--username", db.get("USER") or "postgres", "--dbname", db["NAME"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    binary = shutil.which(command[0])
    if binary is None:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (cài gói postgresql-client).")
    done = subprocess.run([binary, *command[1:]], env=env, capture_output=True, text=True)  # noqa: S603 (fixed argv)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} thất bại: {done.stderr.strip()[:500]}")


def dump_database(target: Path) -> Path:
    if engine() == "sqlite":
        path = target / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(path)
        try:
            connection.connection.backup(destination)  # online: readers and writers carry on
        finally:
            destination.close()
        return path
    path = target / "database.pgdump"
    args, env = _pg_env()
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(path), *args], env)
    return path


def load_database(source: Path) -> None:
    if engine() == "sqlite":
        if source.name != "database.sqlite3":
            raise BackupError("Bản sao lưu này là của PostgreSQL, không khôi phục vào SQLite được.")
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
        return
    if source.name != "database.pgdump":
        raise BackupError("Bản sao lưu này là của SQLite, không khôi phục vào PostgreSQL được.")
    connection.close()  # pg_restore drops tables; hold no locks on them
    args, env = _pg_env()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            *args,
            str(source),
        ],
        env,
    )


# --- archive -----------------------------------------------------------------------------------


def backup_key() -> str:
    """The encryption secret from the environment (LANTOA_BACKUP_KEY), "" when not set."""
    return settings.LANTOA_BACKUP_KEY


def _private_file(path: Path):
    """Open `path` for writing with mode 0600 from the first byte (never world-readable)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_CREAT
    return os.fdopen(descriptor, "wb")


def backup_create(
    *, output_dir: Path, now: dt.datetime | None = None, key: str | None = None
) -> BackupResult:
    """Write one archive with the database, media, raw store and manifest; return its path.

    `key` (default: LANTOA_BACKUP_KEY) encrypts it; the file is mode 0600 either way."""
    now = now or dt.datetime.now(dt.UTC)
    key = backup_key() if key is None else key
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"lantoa-{now:%Y%m%d-%H%M%S}"
    with tempfile.TemporaryDirectory(prefix="lantoa-backup-") as temp:
        work = Path(temp)
        tables = table_fingerprints()  # before the dump: both see the same committed data
        database = dump_database(work)
        files = {database.name: _file_sha256(database)}
        for prefix, root in folders().items():
            files.update(folder_checksums(root, prefix))
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "engine": engine(),
            "database": database.name,
            "tables": tables,
            "files": files,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        archive = output_dir / f"{name}.tar.gz{ENCRYPTED_SUFFIX if key else ''}"
        partial = output_dir / f"{name}.partial"
        plain = work / "archive.tar.gz" if key else partial
        with _private_file(plain) as handle, tarfile.open(fileobj=handle, mode="w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(database, arcname=database.name)
            for prefix, root in folders().items():
                if root.is_dir():
                    tar.add(root, arcname=prefix)
        if key:
            with _private_file(partial) as handle:
                encrypt_file(plain, handle, secret=key)
        partial.rename(archive)  # never leave a half-written archive under the final name
    return BackupResult(path=archive, manifest=manifest)


def _extract(archive: Path, work: Path) -> dict:
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(work, filter="data")  # refuses absolute paths, links out, devices
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {archive.name}: {exc}") from exc
    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError("Tệp sao lưu thiếu hoặc hỏng manifest.json.") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("Tệp sao lưu có định dạng không hỗ trợ.")
    for name, expected in manifest["files"].items():
        path = work / name
        if not path.is_file() or _file_sha256(path) != expected:
            raise BackupError(f"Tệp {name} trong bản sao lưu bị thiếu hoặc sai tổng kiểm tra.")
    return manifest


def _replace_folder(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        target.mkdir(parents=True, exist_ok=True)


def _decrypted(archive: Path, work: Path, key: str | None) -> Path:
    """The plain archive: `archive` itself, or its decrypted and authenticated copy in `work`."""
    try:
        encrypted = is_encrypted(archive)
    except OSError as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {archive.name}: {exc}") from exc
    if not encrypted:
        return archive
    key = backup_key() if key is None else key
    if not key:
        raise BackupError(
            f"Tệp sao lưu {archive.name} đã được mã hóa: cần đặt LANTOA_BACKUP_KEY (khóa đã dùng "
            "khi sao lưu) để khôi phục."
        )
    plain = work / "archive.tar.gz"
    try:
        with _private_file(plain) as handle:
            decrypt_file(archive, handle, secret=key)
    except DecryptionError as exc:
        plain.unlink(missing_ok=True)
        raise BackupError(
            f"Không giải mã được {archive.name}: sai khóa LANTOA_BACKUP_KEY hoặc tệp đã bị sửa "
            "đổi. Không có gì bị thay đổi."
        ) from exc
    return plain


def backup_restore(*, archive: Path, key: str | None = None) -> dict:
    """Replace the database, media and raw store with the archive's; verify; return manifest.

    An encrypted archive is decrypted with `key` (default: LANTOA_BACKUP_KEY) and authenticated
    before anything else; then every file is checked against the manifest; only then is the
    current data replaced."""
    with tempfile.TemporaryDirectory(prefix="lantoa-restore-") as temp:
        work = Path(temp)
        plain = _decrypted(archive, work, key)
        extracted = work / "extracted"
        extracted.mkdir()
        manifest = _extract(plain, extracted)  # everything verified before anything is touched
        load_database(extracted / manifest["database"])
        for prefix, root in folders().items():
            _replace_folder(extracted / prefix, root)
    restored = table_fingerprints()
    differing = sorted(
        table
        for table in set(manifest["tables"]) | set(restored)
        if manifest["tables"].get(table) != restored.get(table)
    )
    if differing:
        raise BackupError(
            "Dữ liệu sau khôi phục khác bản sao lưu ở các bảng: " + ", ".join(differing[:20])
        )
    files = {}
    for prefix, root in folders().items():
        files.update(folder_checksums(root, prefix))
    expected_files = {k: v for k, v in manifest["files"].items() if k != manifest["database"]}
    if files != expected_files:
        raise BackupError("Tệp đính kèm sau khôi phục khác bản sao lưu.")
    return manifest
