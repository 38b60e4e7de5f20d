"""Two articles with one slug: each gets its own page, the later by path as slug-2.

Pelican would take two articles with one slug for translations of each other,
write both to one file and fail (or lose one). `build_timeline` reads articles
in path order and gives a slug already taken the first free `-2`, `-3`, …; the
same rule here gives each Pelican article a page of its own as it is made,
before Pelican pairs translations. Pelican reads files in no particular order,
so the plugin has it read them in path order (`read_in_path_order`); should one
arrive out of order all the same, a collision recomputes every assignment.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .timeline import unique_slug

logger = logging.getLogger(__name__)

CONTEXT_KEY = "_timeline_unique_slugs"


class UniqueSlugs:
    """The articles made so far in one build, and the slug each one gets."""

    def __init__(self):
        self.articles: list = []
        self.natural: dict[int, str] = {}  # id(article) → the slug it was made with
        self.taken: dict[tuple, set[str]] = {}
        self.in_order = True  # every article so far came after the one before, by path

    def add(self, article) -> None:
        if self.articles and _path_key(article) < _path_key(self.articles[-1]):
            self.in_order = False
        self.articles.append(article)
        self.natural[id(article)] = article.slug
        taken = self.taken.setdefault(_space(article), set())
        if article.slug not in taken:
            taken.add(article.slug)
        elif self.in_order:  # first come, first served: the rule in path order
            article.slug = article.metadata["slug"] = unique_slug(article.slug, taken)
            taken.add(article.slug)
        else:
            self.reassign()

    def reassign(self) -> None:
        """Path order: the first article keeps its slug, each later one that collides gets the first free -N."""
        self.taken = {}
        for article in sorted(self.articles, key=_path_key):
            taken = self.taken.setdefault(_space(article), set())
            slug = unique_slug(self.natural[id(article)], taken)
            taken.add(slug)
            if article.slug != slug:
                article.slug = slug  # its url and save_as are made from it
                article.metadata["slug"] = slug

    def renamed(self) -> list[tuple[object, str]]:
        """The articles whose slug changed, each with the slug it had."""
        return [(a, self.natural[id(a)]) for a in self.articles if a.slug != self.natural[id(a)]]


def _path_key(article) -> Path:
    return Path(article.source_path)  # compared as build_timeline compares paths: part by part


def _space(article) -> tuple:
    # Same slug, other language: a translation, written elsewhere. Drafts have their own folder.
    return getattr(article, "lang", None), getattr(article, "status", None) == "draft"


# --- signal receivers


def read_in_path_order(generator) -> None:
    """Have Pelican's article generator read its files in path order (it lists them as a set)."""
    listed = generator.get_files

    def in_path_order(*args, **kwargs):
        return sorted(listed(*args, **kwargs), key=Path)

    generator.get_files = in_path_order


def on_content_made(content) -> None:
    from pelican.contents import Article

    context = getattr(content, "_context", None)
    if isinstance(content, Article) and isinstance(context, dict) and getattr(content, "slug", None):
        context.setdefault(CONTEXT_KEY, UniqueSlugs()).add(content)


def renamed_in(context: dict) -> list[tuple[object, str]]:
    """The build's articles whose slug another had, each with that slug."""
    slugs = context.get(CONTEXT_KEY)
    return slugs.renamed() if slugs else []


def warn_renamed(generator) -> None:
    slugs = generator.context.get(CONTEXT_KEY)
    for article, natural in renamed_in(generator.context):
        holder = next((a for a in slugs.articles if a.slug == natural and _space(a) == _space(article)), None)
        logger.warning("%s: slug %r is already used by %s; this article's page is %s", article.source_path, natural,
                       holder.source_path if holder is not None else "another article", article.url)
