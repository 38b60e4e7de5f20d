"""Values for templates that are made only when a page is rendered.

An incremental build renders only the pages whose inputs changed, so what a
page alone needs (an article's marked text, an event's JSON-LD) is made when a
template reads it, not for every page up front. Each value stands in the page's
digest by the inputs it is made from (`__fingerprint__`, see `page_inputs`).
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from .article_markup import mark_article


class Deferred:
    """A value a template prints or loops over, made by `make(*inputs)` the first time it is read."""

    def __init__(self, make: Callable, *inputs):
        self._make = make
        self._inputs = inputs
        self._made = None

    def value(self):
        if self._made is None:
            self._made = self._make(*self._inputs)
        return self._made

    def __fingerprint__(self):
        return (f"{self._make.__module__}.{self._make.__qualname__}", self._inputs)

    def __html__(self) -> Markup:
        return escape(self.value())

    def __str__(self) -> str:
        return str(self.value())

    def __bool__(self) -> bool:
        return bool(self.value())

    def __iter__(self):
        return iter(self.value())


class MarkedText:
    """An article's text as marked paragraphs: iterated by the article template."""

    def __init__(self, text: str, dateline, mentions, targets, label: Callable):
        self._text, self._dateline = text, dateline
        self._mentions, self._targets = tuple(mentions), tuple(targets)
        self._label = label
        self._paragraphs = None

    def __fingerprint__(self):
        # The mentions are what the temporal engine reads in the text against the dateline, and the
        # engine's code, like the labels' formats (settings), is part of every page's inputs already.
        return self._text, self._dateline, self._targets

    def paragraphs(self) -> tuple:
        if self._paragraphs is None:
            self._paragraphs = mark_article(self._text, self._mentions, self._targets, self._label)
        return self._paragraphs

    def __iter__(self):
        return iter(self.paragraphs())

    def __bool__(self) -> bool:
        return bool(self.paragraphs())
