"""Callback registries for the analyse and alert stages (filled by the insights app)."""

from collections.abc import Callable

from ..models import Item

Callback = Callable[[list[Item]], None]


class Registry:
    def __init__(self, name: str):
        self.name = name
        self.callbacks: list[Callback] = []

    def register(self, callback: Callback) -> Callback:
        """Register `callback(items)`; usable as a decorator; registering twice is a no-op."""
        if callback not in self.callbacks:
            self.callbacks.append(callback)
        return callback

    def unregister(self, callback: Callback) -> None:
        if callback in self.callbacks:
            self.callbacks.remove(callback)

    def run(self, items: list[Item]) -> None:
        # An exception propagates: the runner records it and the items stay unprocessed
        # (processed_at empty) so they are resumed later, never silently skipped.
        for callback in list(self.callbacks):
            callback(items)


analysers = Registry("analyse")
alerters = Registry("alert")
