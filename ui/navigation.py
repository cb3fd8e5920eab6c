"""The site's main navigation: each app adds its own entries from AppConfig.ready().

An entry is shown only to people who may open the page it leads to (`visible`), so nobody is
offered a link to a 403. Entries are read once per request by the context processor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str  # a lazy translation
    url_name: str
    visible: Callable  # (request) -> bool; the request has a consortium when this is asked
    order: int = 100
    # The path prefixes (after /<consortium>/) that mark this entry as the current section.
    sections: tuple[str, ...] = ()


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.key != item.key for existing in _items):
        _items.append(item)
        _items.sort(key=lambda i: i.order)


def items_for(request) -> list[dict]:
    consortium = getattr(request, "consortium", None)
    if consortium is None:
        return []
    prefix = f"/{consortium.slug}/"
    tail = request.path[len(prefix):] if request.path.startswith(prefix) else ""
    shown = []
    for item in _items:
        if not item.visible(request):
            continue
        href = reverse(item.url_name, kwargs={"consortium_slug": consortium.slug})
        match = max((len(section) for section in item.sections if tail.startswith(section)), default=0)
        if request.path == href:
            match = max(match, 1)
        shown.append({"key": item.key, "label": item.label, "href": href, "match": match})
    # The most specific section is the current one: Organisations sits under partnerships/.
    best = max((entry["match"] for entry in shown), default=0)
    for entry in shown:
        entry["current"] = best > 0 and entry.pop("match") == best
        entry.pop("match", None)
    return shown
