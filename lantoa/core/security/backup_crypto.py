"""Encryption of backup archives (AES-256-GCM in 1 MiB chunks, key from `LANTOA_BACKUP_KEY`).

An archive can be gigabytes, so it is sealed in chunks (the STREAM construction): each chunk is
AES-GCM with a nonce made of a random prefix and the chunk's number, and with the file header,
the chunk number and a "last chunk" flag as associated data. Reordering, dropping, appending or
truncating chunks, changing a byte, or a wrong key all fail authentication; `decrypt_file`
writes its output only to a temporary file the caller discards on failure.

The key is any secret string (a long random one: `python -c "import secrets;
print(secrets.token_urlsafe(32))"`); scrypt with a per-file salt turns it into the AES key.

File layout: MAGIC | salt (16) | nonce prefix (8) | chunks, each `length (4, big-endian) |
ciphertext+tag`, with the flag set on the last one.
"""

import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"LANTOA-BACKUP-AESGCM-1\n"
CHUNK = 1024 * 1024
SALT_BYTES = 16
PREFIX_BYTES = 8
TAG_BYTES = 16


class DecryptionError(Exception):
    """Wrong key, or a file that is not what was encrypted."""


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(secret: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(secret.encode())


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">Q?", index, last)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def encrypt_file(source: Path, target, *, secret: str) -> None:
    """Encrypt `source` into the open binary file `target`."""
    salt, prefix = os.urandom(SALT_BYTES), os.urandom(PREFIX_BYTES)
    header = MAGIC + salt + prefix
    aead = AESGCM(_key(secret, salt))
    target.write(header)
    with source.open("rb") as handle:
        chunk = handle.read(CHUNK)
        index = 0
        while True:
            following = handle.read(CHUNK)
            last = not following
            sealed = aead.encrypt(_nonce(prefix, index), chunk, _aad(header, index, last))
            target.write(struct.pack(">I", len(sealed)) + sealed)
            if last:
                return
            chunk, index = following, index + 1


def decrypt_file(source: Path, target, *, secret: str) -> None:
    """Decrypt `source` into the open binary file `target`; DecryptionError if anything is off."""
    with source.open("rb") as handle:
        header = handle.read(len(MAGIC) + SALT_BYTES + PREFIX_BYTES)
        if not header.startswith(MAGIC) or len(header) < len(MAGIC) + SALT_BYTES + PREFIX_BYTES:
            raise DecryptionError("not an encrypted Lantoa backup")
        salt = header[len(MAGIC) : len(MAGIC) + SALT_BYTES]
        prefix = header[len(MAGIC) + SALT_BYTES :]
        aead = AESGCM(_key(secret, salt))
        index = 0
        while True:
            size_bytes = handle.read(4)
            if len(size_bytes) != 4:
                raise DecryptionError("truncated")  # the last chunk never came
            (size,) = struct.unpack(">I", size_bytes)
            if size < TAG_BYTES or size > CHUNK + TAG_BYTES:
                raise DecryptionError("bad chunk length")
            sealed = handle.read(size)
            if len(sealed) != size:
                raise DecryptionError("truncated")
            plain = None
            for last in (False, True):
                try:
                    plain = aead.decrypt(_nonce(prefix, index), sealed, _aad(header, index, last))
                except InvalidTag:
                    continue
                break
            if plain is None:
                raise DecryptionError("authentication failed")
            target.write(plain)
            if last:
                if handle.read(1):
                    raise DecryptionError("data after the last chunk")
                return
            index += 1
