"""Parts of pages that come out the same on thousands of pages, rendered once per build.

The site's header, navigation and footer depend only on where a page sits (its
relative SITEURL), on which navigation entry it is, and on settings; with an
event page per event, rendering them again for each page cost more than the
page's own content. The theme wraps such a part in `{% call cached(key...) %}`;
the key must name everything the part reads that can differ between pages.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable


class FragmentCache:
    """A template global: `{% call cached("name", ...) %}…{% endcall %}` renders the body once per key."""

    def __init__(self):
        self._made: dict[tuple[Hashable, ...], str] = {}

    def __call__(self, *key: Hashable, caller: Callable[[], str]) -> str:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = caller()
        return made
