"""Reading Akoma Ntoso into a provision tree: our own export exactly, other AKN as well as its structure allows.

Our export (``akn.to_akn``) marks itself with a ``cw:parsedText`` element in ``<proprietary>`` and carries each
node's kind and normalised number as ``cw:`` attributes, so it comes back to exactly the tree it was made from.
AKN from elsewhere is mapped by its layout, read from the whole document (``readers_akn_layout.py``: which
element is the article-level unit, how many levels of containers stand above it), and otherwise by element
names (part/chapter/article/paragraph/point...) with the nesting clamped to our five levels. XML from users is parsed without entity expansion, DTDs or network access.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from charterwatch.errors import CharterwatchError, E
from charterwatch.lang.en.numbers import CARDINALS
from charterwatch.texts.readers_akn_layout import HIER_NAMES, Layout, eid_part, read_layout
from charterwatch.texts.tree import EID_PREFIX, PROVISION_LEVEL, ParsedText, Provision, ProvisionKind

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
CW_NS = "urn:charterwatch:akn:1"
_AKN_NAMESPACES = (AKN_NS, AKN_NS + "-lenient", "http://www.akomantoso.org/2.0")
_CW = f"{{{CW_NS}}}"
_LANG2 = {"eng": "en", "rus": "ru", "kaz": "kk"}

_KIND_BY_ELEMENT: dict[str, ProvisionKind] = {
    **dict.fromkeys(
        ("book", "tome", "part", "subpart", "title", "subtitle", "division", "subdivision"), "section"
    ),
    **dict.fromkeys(("chapter", "subchapter"), "chapter"),
    **dict.fromkeys(("article", "rule"), "article"),
    **dict.fromkeys(("paragraph", "subsection", "clause", "alinea", "transitional"), "paragraph"),
    **dict.fromkeys(
        ("subparagraph", "point", "item", "indent", "subclause", "subrule", "proviso"), "subparagraph"
    ),
}
_HIER = {*_KIND_BY_ELEMENT, *HIER_NAMES}
_KIND_AT_LEVEL = {level: kind for kind, level in PROVISION_LEVEL.items()}
_NOTES = {"authorialNote", "note"}
_SKIPPED_INLINE = {"noteRef", "eol", "eop", "authorialNote", "note"}
_LINE_BLOCKS = {"p", "listIntroduction", "listWrapUp", "num", "heading", "subheading", "tr", "crossHeading"}
_NUMBER = re.compile(
    r"\d+(?:[-.]\d+)*|(?<!\w)[IVXLCDM]+(?!\w)|(?<![^\W\d_])[a-zа-яё](?![^\W\d_])", re.IGNORECASE
)


def parse_akn(xml: str | bytes, *, path: str) -> ParsedText:
    """Read Akoma Ntoso into a tree: our own export exactly, other AKN as well as its structure allows.

    The tree's source text is built while walking (a line per number, heading and block of text, as in a
    plain-text constitution), so spans point into it as they do for any other format.
    """
    root = _parse_xml(xml, path=path)
    document = next((child for child in root if isinstance(child.tag, str)), None)
    if document is None:
        raise CharterwatchError(E.AKN_INVALID, path=path, reason="no document inside <akomaNtoso>")
    return _Reader(etree.QName(root).namespace or AKN_NS).read(document)


def _parse_xml(xml: str | bytes, *, path: str) -> etree._Element:
    if isinstance(xml, str):
        xml = re.sub(r"^\s*<\?xml[^>]*\?>", "", xml).encode("utf-8")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True,
        remove_pis=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as e:
        raise CharterwatchError(E.AKN_INVALID, path=path, reason=f"malformed XML: {e}") from e
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise CharterwatchError(E.AKN_INVALID, path=path, reason="a DOCTYPE is not allowed in Akoma Ntoso")
    qname = etree.QName(root)
    if qname.localname != "akomaNtoso" or qname.namespace not in _AKN_NAMESPACES:
        found = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
        raise CharterwatchError(
            E.AKN_INVALID, path=path, reason=f"the root element is <{found}>, not <akomaNtoso>"
        )
    return root


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if _local(c) == name), None)


def _number(label: str | None) -> str | None:
    """The number in a printed label ("Article 5." -> "5", "5-бап" -> "5", "a)" -> "a", "Chapter One" -> "1"),
    for foreign AKN."""
    if not label:
        return None
    match = _NUMBER.search(label)
    if match:
        return match.group(0)
    spelled = next((w for w in re.findall(r"[A-Za-z]+", label) if w.lower() in CARDINALS), None)
    return str(CARDINALS[spelled.lower()]) if spelled else None


class _Reader:
    """Walks an AKN document, building the tree and its synthetic source text together."""

    def __init__(self, namespace: str) -> None:
        self.ns = namespace
        self.ours = False
        self.parts: list[str] = []
        self.length = 0
        self.roots: list[Provision] = []
        self.stack: list[Provision] = []
        self.pending: set[int] = set()  # nodes whose label waits to be written on their first text line
        self.extent: dict[int, tuple[int, int]] = {}
        self.eids: set[str] = set()
        self.layout = Layout(None, 0)

    def read(self, document: etree._Element) -> ParsedText:
        marker = document.find(f".//{_CW}parsedText")
        self.ours = marker is not None
        if not self.ours:
            body = _child(document, "body")
            self.layout = read_layout(body if body is not None else _child(document, "mainBody"))
        title = self._title(document)
        if title is not None:
            self._line(title)
        for name in ("preface", "preamble", "body", "mainBody"):
            part = _child(document, name)
            if part is None:
                continue
            if name == "preamble":
                node = Provision(kind="preamble", eid=self._eid(part, "preamble", parent=None))
                self.roots.append(node)
                self._blocks(part, node, flat=not self.ours)  # a preamble has no parts in our trees
            elif name == "preface":
                self._blocks(part, None)
            else:
                for child in part:
                    if _local(child) in _HIER and child.get("eId") != "body_empty":
                        self._hier(child, None)
        for node in self.roots:
            self._close(node)
        lang = marker.get("lang") if marker is not None else None
        if lang is None:
            language = document.find(f".//{{{self.ns}}}FRBRExpression/{{{self.ns}}}FRBRlanguage")
            code = language.get("language", "") if language is not None else ""
            lang = _LANG2.get(code, code or "und")
        if marker is not None:
            title = marker.get("title")
        return ParsedText(title=title, lang=lang, provisions=self.roots, source_text="".join(self.parts))

    def _title(self, document: etree._Element) -> str | None:
        for element in document.iter(f"{{{self.ns}}}docTitle"):
            return self._words(element) or None
        alias = document.find(f".//{{{self.ns}}}FRBRWork/{{{self.ns}}}FRBRalias[@name='title']")
        return alias.get("value") if alias is not None else None

    # -- the synthetic source

    def _line(self, text: str, node: Provision | None = None) -> int:
        start = self.length
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        if node is not None:
            first, _ = self.extent.get(id(node), (start, start))
            self.extent[id(node)] = (first, start + len(text))
        return start

    def _flush(self) -> None:
        """Write the label of a paragraph still waiting for its text: something else comes first."""
        for node in self.stack:
            if id(node) in self.pending:
                self.pending.discard(id(node))
                self._line(node.label or "", node)

    def _set_text(self, node: Provision, text: str) -> None:
        if (
            node.text or node.children
        ):  # AKN allows words after children; ours keeps them in a part of their own
            self._unnumbered(node, text)
            return
        prefix = f"{node.label} " if id(node) in self.pending and node.label else ""
        self.pending.discard(id(node))
        self._flush()
        start = self._line(prefix + text, node) + len(prefix)
        node.text = text
        node.text_span = (start, start + len(text))

    def _unnumbered(self, parent: Provision, text: str) -> None:
        kind: ProvisionKind = "paragraph" if PROVISION_LEVEL.get(parent.kind, 0) < 4 else "subparagraph"
        node = Provision(kind=kind, eid=self._eid(None, f"{EID_PREFIX[kind]}_u", parent=parent))
        parent.children.append(node)
        self._set_text(node, text)

    def _close(self, node: Provision) -> None:
        start, end = self.extent.get(id(node), (-1, -1))
        for child in node.children:
            self._close(child)
            start = child.span[0] if start < 0 else min(start, child.span[0])
            end = max(end, child.span[1])
        node.span = (max(start, 0), max(end, 0))

    # -- nodes

    def _hier(self, element: etree._Element, parent: Provision | None) -> None:
        self._flush()
        kind = self._kind(element, parent)
        number, heading_element = _child(element, "num"), _child(element, "heading")
        label = self._words(number) if number is not None else None
        heading = self._words(heading_element) if heading_element is not None else None
        if kind is None:  # a container deeper than our two levels: its units go to the nearest kept one
            if label or heading:
                self._line(" ".join(part for part in (label, heading) if part))
            for child in element:
                if _local(child) in _HIER:
                    self._hier(child, parent)
            return
        num = element.get(f"{_CW}num") if self.ours else _number(label)
        intro = None
        if not self.ours and kind in ("paragraph", "subparagraph") and heading:
            intro, heading = heading, None  # a heading on a paragraph is the words that open its list
        node = Provision(kind=kind, eid="", num=num, label=label or None, heading=heading or None)
        local = (
            f"{EID_PREFIX[kind]}_{(num or 'u').replace('.', '-')}" if self.ours else eid_part(element, num)
        )
        node.eid = self._eid(element, local, parent=parent)
        (parent.children if parent is not None else self.roots).append(node)
        self.stack.append(node)
        if kind in ("paragraph", "subparagraph"):
            self.pending.add(id(node))
            if intro:
                self._set_text(node, intro)
        elif label or heading:
            self._line(" ".join(part for part in (label, heading) if part), node)
        loose: list[etree._Element] = []  # blocks straight inside, as in a list <item>
        for child in element:
            name = _local(child)
            if name in _HIER or name in ("intro", "content", "wrapUp"):
                if loose:
                    self._blocks(loose, node)
                    loose = []
                if name in _HIER:
                    self._hier(child, node)
                else:
                    self._blocks(child, node)
            elif name and name not in ("num", "heading", "subheading"):
                loose.append(child)
        if loose:
            self._blocks(loose, node)
        self._flush()
        self.stack.pop()

    def _kind(self, element: etree._Element, parent: Provision | None) -> ProvisionKind | None:
        declared = element.get(f"{_CW}kind")
        if self.ours and declared is not None:
            for known in PROVISION_LEVEL:
                if known == declared:
                    return known
        decided, by_layout = self.layout.kind(element)
        if decided:
            return by_layout
        name = _local(element)
        kind = _KIND_BY_ELEMENT.get(name)
        if name == "section":  # the top division in some traditions, the article-level unit in others
            kind = "section" if next(element.iter(f"{{{self.ns}}}article"), None) is not None else "article"
        floor = (
            PROVISION_LEVEL[parent.kind] + 1 if parent is not None and parent.kind in PROVISION_LEVEL else 1
        )
        return _KIND_AT_LEVEL[min(max(PROVISION_LEVEL[kind] if kind else floor, floor), 5)]

    def _eid(self, element: etree._Element | None, local: str, *, parent: Provision | None) -> str:
        given = element.get("eId") if element is not None else None
        eid = given or (f"{parent.eid}__{local}" if parent is not None else local)
        unique, n = eid, 1
        while unique in self.eids:
            n += 1
            unique = f"{eid}_{n}"
        self.eids.add(unique)
        return unique

    # -- blocks: <intro>, <content>, <wrapUp>, <preamble>, <preface>

    def _blocks(
        self, container: Iterable[etree._Element], owner: Provision | None, *, flat: bool = False
    ) -> None:
        """Words of ``container`` become the owner's text (written first, as one block), then its notes and
        list items follow in document order; ``flat`` keeps list items as lines of the text instead."""
        lines: list[str] = []
        later: list[etree._Element] = []
        self._gather(container, lines, later, flat=flat)
        if lines and owner is not None and (self.ours or any(line.strip() for line in lines)):
            self._set_text(owner, "\n".join(lines))
        for element in later:
            if _local(element) in _NOTES:
                self._note(element, owner)
            else:
                self._hier(element, owner)

    def _gather(
        self,
        container: Iterable[etree._Element],
        lines: list[str],
        later: list[etree._Element],
        *,
        flat: bool = False,
    ) -> None:
        for block in container:
            name = _local(block)
            if not name or name == "longTitle":
                continue
            if flat and (name == "item" or name in _HIER):
                lines.append(self._words(block))
            elif name in _NOTES or name == "item" or name in _HIER:
                later.append(block)
            elif name in _LINE_BLOCKS or name not in (
                "blockList",
                "container",
                "blockContainer",
                "table",
                "tblock",
            ):
                notes = [e for e in block.iter() if _local(e) in _NOTES]
                words = self._words(block)
                if notes and not words.strip():
                    pass  # a paragraph that only holds a note
                elif words or (self.ours and name == "p"):
                    lines.append(words)  # in our export an empty <p/> is an empty line of the text
                later.extend(n for n in notes if not any(_local(a) in _NOTES for a in n.iterancestors()))
            else:
                self._gather(block, lines, later, flat=flat)

    def _note(self, element: etree._Element, owner: Provision | None) -> None:
        lines: list[str] = []
        self._gather(element, lines, [])
        text = "\n".join(lines) if self.ours else " ".join(" ".join(lines).split())
        parent = owner
        if self.ours and element.get(f"{_CW}kind") == "note":
            # our export may park a note at the end of its preceding sibling; its eId names the real parent
            parent_eid = element.get("eId", "").rpartition("__")[0]
            parent = (
                next((p for p in reversed(self.stack) if p.eid == parent_eid), owner) if parent_eid else None
            )
        self._flush()
        node = Provision(kind="note", eid=self._eid(element, "note", parent=parent), text=text)
        start = self._line(text, node)
        node.text_span = (start, start + len(text))
        (parent.children if parent is not None else self.roots).append(node)

    def _words(self, element: etree._Element) -> str:
        """The element's words without notes inside it; exact for our export, whitespace-collapsed otherwise."""
        parts: list[str] = [element.text or ""]
        for child in element:
            if _local(child) not in _SKIPPED_INLINE:
                parts.append(self._words(child))
            parts.append(child.tail or "")
        words = "".join(parts)
        return words if self.ours else " ".join(words.split())
