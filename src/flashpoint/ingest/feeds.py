"""RSS 2.0 and Atom feeds to items, parsed with defusedxml (no entity expansion,
no external entities: billion-laughs and XXE feeds are refused, not expanded)."""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..records import Item, Skip

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def feed_items(label: str, text: str) -> Iterator[Item | Skip]:
    try:
        root = fromstring(text.encode("utf-8"), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        yield Skip(label, "read", "unsafe_xml", f"feed refused: {type(exc).__name__} (entity or DTD tricks)")
        return
    except (ParseError, RecursionError, ValueError) as exc:
        yield Skip(label, "read", "bad_feed", f"not well-formed XML: {str(exc)[:160]}")
        return
    entries = root.findall("./channel/item") or root.findall(f"./{ATOM}entry") or root.findall(".//item")
    if not entries:
        yield Skip(label, "read", "bad_feed", "no <item> or <entry> elements (not an RSS or Atom feed)")
        return
    outlet = _text(root.find("./channel/title")) or _text(root.find(f"./{ATOM}title"))
    for i, entry in enumerate(entries):
        yield _entry_item(f"{label}#{i}", entry, outlet)


def _entry_item(label: str, entry: Element, outlet: str | None) -> Item | Skip:
    title = _text(entry.find("title")) or _text(entry.find(f"{ATOM}title"))
    link = _text(entry.find("link"))
    if not link:
        atom_link = entry.find(f"{ATOM}link")
        link = atom_link.get("href") if atom_link is not None else None
    guid = _text(entry.find("guid")) or _text(entry.find(f"{ATOM}id"))
    published = _date(_text(entry.find("pubDate")) or _text(entry.find(f"{ATOM}published")) or _text(entry.find(f"{ATOM}updated")))
    body = (
        _text(entry.find(CONTENT))
        or _text(entry.find(f"{ATOM}content"))
        or _text(entry.find("description"))
        or _text(entry.find(f"{ATOM}summary"))
    )
    if not body:
        return Skip(label, "read", "no_body", "feed entry has no content or description")
    is_html = "<" in body and ">" in body
    return Item(
        origin=label,
        id=guid,
        url=link,
        title=title,
        published=published,
        outlet=outlet,
        html=body if is_html else None,
        text=None if is_html else body,
    )


def _text(node: Element | None) -> str | None:
    if node is None:
        return None
    value = "".join(node.itertext()).strip()
    return value or None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    head = value.strip()[:10]
    if len(head) == 10 and head[4] == "-" and head[7] == "-":
        return head
    return None
