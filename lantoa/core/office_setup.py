"""The office's shipped configuration: editable YAML files that `manage.py setup_office` loads.

Each app that ships configuration has `<app>/config/*.yaml` and an `<app>/office.py` with
`setup(*, log) -> None` (found through `core.registry.app_modules("office")`). A setup creates an
entry only when none with its natural key (a name, a source's address) exists: it never changes or
re-enables what an administrator edited, so running it again (after an upgrade that ships new
entries) is safe. A mistake in a file stops the whole setup with one Vietnamese line naming the
file and the entry, and nothing of that run is saved.
"""

from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from .registry import app_modules


class ConfigError(ValueError):
    """A shipped configuration file that cannot be loaded (message in Vietnamese)."""


@dataclass
class Entry:
    """One entry of a configuration file, read with the checks every loader needs."""

    path: Path
    number: int
    data: dict

    def where(self) -> str:
        name = self.data.get("name") or self.data.get("url") or ""
        return _("%(file)s, mục %(number)s%(name)s") % {
            "file": self.path.name,
            "number": self.number,
            "name": f" ({name})" if name else "",
        }

    def fail(self, message: str) -> ConfigError:
        return ConfigError(f"{self.where()}: {message}")

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self.data.get(key, default)
        if value is None:
            value = default
        if not isinstance(value, str | int | float):
            raise self.fail(_("“%(key)s” phải là một chuỗi.") % {"key": key})
        value = str(value).strip()
        if required and not value:
            raise self.fail(_("thiếu “%(key)s”.") % {"key": key})
        return value

    def choice(self, key: str, choices, *, default: str | None = None) -> str:
        value = self.text(key, required=default is None, default=default or "")
        if value not in choices.values:
            raise self.fail(
                _("“%(key)s” = “%(value)s” không hợp lệ; được dùng: %(allowed)s.")
                % {"key": key, "value": value, "allowed": ", ".join(choices.values)}
            )
        return value

    def lines(self, key: str) -> list[str]:
        value = self.data.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise self.fail(_("“%(key)s” phải là một danh sách chuỗi.") % {"key": key})
        return [str(v).strip() for v in value if str(v).strip()]


def config_entries(module: ModuleType | str, filename: str, *, keys: set[str]) -> list[Entry]:
    """The entries of `<app>/config/<filename>` (a YAML list of mappings with only `keys`)."""
    folder = Path(module if isinstance(module, str) else module.__file__).resolve().parent
    path = folder / "config" / filename
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            _("Không đọc được %(file)s: %(error)s") % {"file": path, "error": exc}
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(
            _("%(file)s không đúng cú pháp YAML: %(error)s") % {"file": path.name, "error": exc}
        ) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ConfigError(_("%(file)s phải là một danh sách các mục.") % {"file": path.name})
    entries = []
    for number, item in enumerate(data, start=1):
        entry = Entry(path, number, item if isinstance(item, dict) else {})
        if not isinstance(item, dict):
            raise entry.fail(_("mỗi mục phải là một bảng khóa: giá trị."))
        if unknown := set(item) - keys:
            raise entry.fail(
                _("khóa không dùng được: %(keys)s (được dùng: %(allowed)s).")
                % {"keys": ", ".join(sorted(unknown)), "allowed": ", ".join(sorted(keys))}
            )
        entries.append(entry)
    return entries


@dataclass
class SetupCount:
    """What one kind of entry came to: created now, or already there (left as it is)."""

    label: str
    created: int = 0
    kept: int = 0
    names: list[str] = field(default_factory=list)

    def add(self, name: str, created: bool) -> None:
        if created:
            self.created += 1
            self.names.append(name)
        else:
            self.kept += 1

    def __str__(self) -> str:
        return _("%(label)s: %(created)s tạo mới, %(kept)s đã có (giữ nguyên)") % {
            "label": self.label,
            "created": self.created,
            "kept": self.kept,
        }


@transaction.atomic
def office_setup(*, log, skip: frozenset[str] = frozenset()) -> None:
    """Run every app's shipped-configuration setup in dependency order, in one transaction.

    `skip`: app labels whose setup is left out (e.g. "monitoring" to add no starter source).
    """
    for module in app_modules("office"):
        label = module.__name__.split(".")[-2]
        if label not in skip:
            module.setup(log=log)


# --- the first-run setup page's steps ---------------------------------------------------------


class RowsRefused(ValueError):
    """An import refused as a whole: one Vietnamese message per bad row, nothing saved."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class SetupOutcome:
    """What a step did: a sentence, and optionally a table to show once (e.g. new accounts)."""

    message: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class SetupStep:
    """One step of the admin's "Thiết lập ban đầu" page, contributed by an app's
    `admin/setup_steps.py` (`SETUP_STEPS`). `handle(request, form)` calls one service and
    returns a SetupOutcome, or raises RowsRefused / ValueError with a Vietnamese message (nothing
    saved)."""

    key: str
    order: int
    title: str
    intro: str
    form_class: type
    handle: object
    downloads: tuple[tuple[str, str], ...] = ()  # (template key, label) of a file to fill in
    initial: object = None  # callable(request) -> the form's initial values

    def form(self, request, data=None, files=None):
        initial = self.initial(request) if self.initial else None
        return self.form_class(data, files, prefix=self.key, initial=initial)


def setup_steps() -> list[SetupStep]:
    """Every app's first-run setup steps, in the page's order."""
    modules = app_modules("admin.setup_steps")
    steps = [step for module in modules for step in module.SETUP_STEPS]
    return sorted(steps, key=lambda step: step.order)
