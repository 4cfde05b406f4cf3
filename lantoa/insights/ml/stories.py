"""The cheap story key: one hash per headline's opening words."""

import hashlib

from lantoa.core.text import fold_lower, nfc, syllables


def story_key(title: str) -> str:
    """Items whose folded titles share the first eight syllables are one story (cheap fallback
    until the monitoring pipeline's MinHash clusters are available)."""
    words = syllables(fold_lower(nfc(title)))[:8]
    return hashlib.sha1(" ".join(words).encode()).hexdigest()  # noqa: S324 - not security
