"""What a page is made from, as a digest: equal digests mean the page would render the same.

A page is its template (and the templates it extends, includes and imports)
applied to values: the keyword arguments of `writer.write_file`, and the
context variables the templates read. `template_reads` finds those variables
with Jinja's own analysis; `Fingerprints` digests values of any shape the
site passes — dataclasses, Pelican's articles, categories and dates — so the
incremental writer can skip a page whose digest has not changed since the
previous build.

The walk is conservative: an object it does not know is digested from its
attributes, and one whose state it cannot see makes the page "always render".
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import types
import weakref
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import PurePath

from jinja2 import meta
from jinja2.exceptions import TemplateError

from .model import field_names

# Values spelled out in a token rather than digested (str subclasses such as Markup keep their own type name).
_PLAIN = frozenset({str, int, float, bool, complex, bytes, type(None)})
# Pelican's links between contents, resolved when a page is written.
_INTRASITE_LINK = re.compile(r"[{|](?:filename|static|attach|index|tag|category|author)[|}]")
# Attributes of Pelican's content objects that are not the content: every
# setting (digested once per build) and the whole site's context.
SHARED_ATTRIBUTES = frozenset({"settings", "_context"})


class Unknowable(Exception):
    """A value whose state cannot be digested: the page that uses it must always be rendered."""


class Fingerprints:
    """Digests of values, memoized for one build (values must not change while pages are written)."""

    def __init__(self):
        # id → (the object, kept alive so that its id is not reused; its digest)
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._walking: set[int] = set()
        self._walked_types: set[type] = set()  # dataclasses whose repr showed an address: walked field by field
        self._strings: dict[str, bytes] = {}  # str → its token

    def digest(self, *values) -> str:
        """The hex digest of some values together."""
        return hashlib.sha256(b"".join(self.of(value) for value in values)).hexdigest()

    def page_value(self, value) -> bytes:
        """The token of a value a page is written for: all of a Pelican article's attributes, not only its identity."""
        if not _is_content(value):
            return self.of(value)
        memo = self._memo.get(~id(value))  # ~id: apart from the same object's identity token
        if memo is None:
            if _INTRASITE_LINK.search(getattr(value, "_content", "") or ""):
                # Its links ({filename}other.md) become other pages' addresses: inputs this digest cannot see.
                raise Unknowable(f"{value.source_path} links to other content")
            kind = type(value)
            attributes = {k: v for k, v in vars(value).items() if k not in SHARED_ATTRIBUTES}
            memo = (value, b"#" + hashlib.sha256(f"page:{kind.__module__}.{kind.__qualname__}:".encode() + self.of(attributes)).digest())
            self._memo[~id(value)] = memo
        return memo[1]

    def of(self, value) -> bytes:
        """A token standing for `value`: a plain value spelled out, anything else "#" and a 32-byte digest.

        Tokens concatenate without ambiguity (each says where it ends), so a digest over several is one over the values.
        """
        kind = type(value)
        if kind is str:  # the most frequent by far (names, keys, addresses): each spelled out once per build
            token = self._strings.get(value)
            if token is None:
                text = repr(value)
                token = self._strings[value] = f"str{len(text)}:{text}".encode("utf-8", "surrogatepass")
            return token
        if kind in _PLAIN:
            text = repr(value)
            return f"{kind.__name__}{len(text)}:{text}".encode("utf-8", "surrogatepass")
        if isinstance(value, (datetime, date, time, timedelta, PurePath, Enum)):
            text = value.isoformat() if hasattr(value, "isoformat") else repr(value)
            return f"{kind.__name__}{len(text)}:{text}".encode("utf-8", "surrogatepass")
        key = id(value)
        memo = self._memo.get(key)
        if memo is not None:
            return memo[1]
        if key in self._walking:
            # A cycle (an article listing its events, each naming the article): name the object, do not walk it again.
            return self.of(f"cycle:{kind.__qualname__}:{_identity(value)}")
        self._walking.add(key)
        try:
            text = self._plain_repr(value)
            token = b"#" + hashlib.sha256(text.encode("utf-8", "surrogatepass") if text is not None else self._parts(value)).digest()
        finally:
            self._walking.discard(key)
        self._memo[key] = (value, token)
        return token

    def _plain_repr(self, value) -> str | None:
        """The repr of a dataclass, tuple or list made of plain values (the fast way); None for anything else.

        A dataclass's repr shows every field, and for plain values it is the value. An object
        without a repr of its own shows its address ("at 0x…"): then the value is walked.
        """
        kind = type(value)
        if kind in self._walked_types:
            return None
        if kind is tuple or kind is list:
            # Only plain items, or dataclasses not known to hold objects: a failed repr of a long list costs.
            if not all(self._reprable(item) for item in value):
                return None
        elif field_names(kind) is None or hasattr(value, "__fingerprint__"):
            return None
        text = repr(value)
        if " at 0x" in text or "{" in text and _has_set(value):
            if kind is not tuple and kind is not list:
                self._walked_types.add(kind)
            return None
        return f"{kind.__module__}.{kind.__qualname__}:{text}"

    def _reprable(self, item) -> bool:
        """Whether an item of a tuple may be spelled out by its repr: not a value that says itself how it is
        digested (`__fingerprint__`, made once and memoized), nor one known to hold objects."""
        kind = type(item)
        if kind in _PLAIN or isinstance(item, date):
            return True
        if kind in self._walked_types or hasattr(kind, "__fingerprint__"):
            return False
        if kind is tuple:
            return all(self._reprable(part) for part in item)
        return field_names(kind) is not None

    def _parts(self, value) -> bytes:
        kind = type(value)
        name = f"{kind.__module__}.{kind.__qualname__}:".encode()
        custom = getattr(value, "__fingerprint__", None)
        if custom is not None and not isinstance(value, type):
            return name + self.of(custom())
        fields = field_names(kind)
        if fields is not None:
            return name + b"".join([self.of(getattr(value, field)) for field in fields])
        if kind is tuple or kind is list or isinstance(value, (list, tuple)):
            return name + b"".join([self.of(item) for item in value])
        if isinstance(value, (set, frozenset)):
            return name + b"".join(sorted(self.of(item) for item in value))
        if isinstance(value, Mapping):
            items = sorted((self.of(k), self.of(v)) for k, v in value.items())
            return name + b"".join(k + v for k, v in items)
        if isinstance(value, (types.FunctionType, types.MethodType)):
            return name + _code_digest(value)
        if isinstance(value, (type, types.ModuleType, types.BuiltinFunctionType)):
            return name + getattr(value, "__qualname__", getattr(value, "__name__", "")).encode()
        if hasattr(value, "__html__"):  # Markup and the like: what the template prints
            return name + self.of(str(value.__html__()))
        if _is_content(value):
            return name + self.of(_content_identity(value))
        state = getattr(value, "__dict__", None)
        if state is None:
            if type(value).__repr__ is object.__repr__:
                raise Unknowable(f"cannot see the state of a {kind.__qualname__}")
            return name + self.of(repr(value))
        return name + self.of({k: v for k, v in state.items() if k not in SHARED_ATTRIBUTES})


def _has_set(value) -> bool:
    """Whether a set hides in a value: its repr's order changes from one run to the next."""
    if isinstance(value, (set, frozenset)):
        return True
    if isinstance(value, (tuple, list)):
        return any(_has_set(item) for item in value)
    if isinstance(value, dict):
        return any(_has_set(item) for item in value.values())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_has_set(getattr(value, field.name)) for field in dataclasses.fields(value))
    return False


def _is_content(value) -> bool:
    """A Pelican article, page or static file: it holds the whole site's context, so it is never walked whole."""
    return hasattr(value, "_context") and hasattr(value, "source_path") and hasattr(value, "metadata")


def _content_identity(content) -> tuple:
    """What a page that lists or links an article can show of it: its address, metadata and text, not what is attached."""
    return (str(content.source_path), getattr(content, "slug", None), getattr(content, "status", None),
            getattr(content, "lang", None), content.metadata, getattr(content, "_content", None),
            getattr(content, "title", None), getattr(content, "date", None))


def _identity(value) -> str:
    return str(getattr(value, "source_path", "") or getattr(value, "slug", "") or getattr(value, "id", ""))


def _code_digest(function) -> bytes:
    """A function as its qualified name and compiled code, so that a changed lambda in the settings counts."""
    code = getattr(getattr(function, "__func__", function), "__code__", None)
    body = code.co_code + repr(code.co_consts).encode() if code else b""
    return f"{function.__module__}.{function.__qualname__}".encode() + hashlib.sha256(body).digest()


def template_reads(environment, name: str) -> frozenset[str] | None:
    """The variables a template, and the templates it extends, includes and imports, read from their context.

    None when that cannot be known (a template named at render time, or one that does not parse).
    """
    seen: set[str] = set()
    found: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            reads, referenced = _own_reads(environment, current)
        except (TemplateError, OSError):
            return None
        if None in referenced:  # a template chosen at render time: anything may be read
            return None
        found |= reads
        pending.extend(referenced)
    return frozenset(found)


# Each environment's templates as last analysed: name → (source, variables read, templates referenced).
# Every page template extends base.html, whose parse would otherwise be repeated for each of them.
_ANALYSED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _own_reads(environment, name: str) -> tuple[frozenset[str], tuple[str | None, ...]]:
    """The variables one template reads from its context, and the templates it names (None: chosen at render time)."""
    source = environment.loader.get_source(environment, name)[0]
    known = _ANALYSED.setdefault(environment, {}).get(name)
    if known is not None and known[0] == source:
        return known[1], known[2]
    tree = environment.parse(source)
    reads, referenced = frozenset(meta.find_undeclared_variables(tree)), tuple(meta.find_referenced_templates(tree))
    _ANALYSED[environment][name] = (source, reads, referenced)
    return reads, referenced
