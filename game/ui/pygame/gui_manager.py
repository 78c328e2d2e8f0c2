"""pygame_gui's UI manager, with one memory defect of its theme worked around.

pygame_gui 0.6 remembers the theming ids of each kind of element under a key it builds
with `str.join` over the string forms of the element's id lists, so the key's length
is the product of theirs: hundreds of kilobytes for a text box three containers deep.
It keeps every key, about 7 MB over a game (a sixteenth of the window's peak memory).
Here the ids are remembered under a tuple of the lists instead, and the library's own
copy is let go; the ids returned are the ones pygame_gui computes.

Imported only when a manager is made, after the first frame (see theme.py).
"""

from __future__ import annotations

import os
from typing import Any

from pygame_gui import UIManager
from pygame_gui.core import UIAppearanceTheme

IdList = list[str] | list[str | None] | None


class CompactIdTheme(UIAppearanceTheme):
    """pygame_gui's theme, its element ids remembered under short keys."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._ids_by_lists: dict[tuple[Any, ...], list[str]] = {}

    def build_all_combined_ids(
        self, element_base_ids: IdList, element_ids: IdList, class_ids: IdList, object_ids: IdList
    ) -> list[str]:
        lists = (element_base_ids, element_ids, class_ids, object_ids)
        key = tuple(None if ids is None else tuple(ids) for ids in lists)
        found = self._ids_by_lists.get(key)
        if found is None:
            found = super().build_all_combined_ids(*lists)  # type: ignore[arg-type]
            self._ids_by_lists[key] = found
            self.unique_theming_ids.clear()  # the same ids under the long key: not needed twice
        return found


class Manager(UIManager):
    """A UIManager whose themes are CompactIdThemes."""

    def create_new_theme(self, theme_path: str | os.PathLike | dict | None = None) -> UIAppearanceTheme:
        theme = CompactIdTheme(self.resource_loader, self._locale)
        if theme_path is not None:
            theme.load_theme(theme_path)
        return theme
