"""The query tree that `query.parse_query` builds and `backends.py` compiles, and QueryError."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class QueryError(ValueError):
    """A query that cannot be understood: a Vietnamese `message` and the `position` it points at."""

    def __init__(self, message: str, position: int = 0, query: str = ""):
        super().__init__(message)
        self.message = message
        self.position = max(0, min(position, len(query))) if query else max(0, position)
        self.query = query

    def pointer(self) -> str:
        """The query with a caret under the mistake (for the command line)."""
        return f"{self.query}\n{' ' * self.position}^"

    def __str__(self) -> str:
        return f"{self.message} (vị trí {self.position + 1})"


@dataclass(frozen=True)
class Term:
    """Words that must appear next to each other (one word or a phrase) in `field` (None = all)."""

    tokens: tuple[str, ...]
    exact: bool
    field: str | None = None
    prefix: bool = False
    raw: str = ""


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


@dataclass(frozen=True)
class SourceFilter:
    """`source:`: the name of the source contains this text (accent-insensitive when typed bare)."""

    text: str


@dataclass(frozen=True)
class LanguageFilter:
    language: str


@dataclass(frozen=True)
class DateFilter:
    """Publication time in [start, end) (either may be None)."""

    start: datetime | None
    end: datetime | None


Node = Term | And | Or | Not | SourceFilter | LanguageFilter | DateFilter


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    root: Node

    def terms(self) -> list[Term]:
        """The positive text terms (those not under a NOT): what highlighting marks."""
        found: list[Term] = []

        def walk(node, negated):
            if isinstance(node, Term):
                if not negated:
                    found.append(node)
            elif isinstance(node, And | Or):
                for child in node.children:
                    walk(child, negated)
            elif isinstance(node, Not):
                walk(node.child, not negated)

        walk(self.root, False)
        return found
