"""Plan import: bytes → text (extract) → plain structure (parser) → database (services).

The first two steps never touch the database, so `import_plan --dry-run` and the upload screen's
review step show exactly what a save would store.
"""

from .errors import PlanImportError
from .extract import extract_text
from .parser import parse_plan
from .structure import ParsedPlan, UnitDirectory

__all__ = ["ParsedPlan", "PlanImportError", "UnitDirectory", "extract_text", "parse_plan"]
