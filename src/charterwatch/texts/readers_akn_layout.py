"""How a foreign Akoma Ntoso document maps onto our five levels, decided from the whole document.

AKN names its units after each drafting tradition: a constitution of the civil-law kind has ``article``s in
chapters, a Commonwealth one (Kenya, Tanzania, South Africa as marked up by Laws.Africa) has ``section``s in
chapters and parts, and the same element names sit at different depths. Clamping each element to a fixed level
(a ``part`` is a top division) breaks as soon as a part sits inside a chapter: the part became an article and the
real articles its paragraphs. So the layout is read once, before the walk:

- the **article-level unit** is ``article`` when the body has any, else ``section``, else ``rule``;
- the **containers** are the hierarchical elements that hold units; with one level of them they keep their
  natural kind (a chapter is a chapter, anything else a section), with two or more the outermost is our
  ``section`` and the next our ``chapter`` (their labels still say "Chapter 4", "Part 1"); deeper containers are
  transparent: their units go to the nearest kept container;
- under a unit, the first hierarchical level is a ``paragraph`` and everything deeper a ``subparagraph``.

Elements outside this scheme (a body with no unit at all, a loose ``hcontainer``) keep the element-name mapping.
Generated eIds use the AKN naming convention's abbreviations (``chp``, ``part``, ``sec``, ``subsec``, ``para``,
``item``...) and, for an unnumbered element, its ordinal among its siblings of that name.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from charterwatch.texts.tree import ProvisionKind

UNIT_NAMES = ("article", "section", "rule")
CONTAINER_NAMES = frozenset(
    {
        "book", "tome", "part", "subpart", "title", "subtitle", "division", "subdivision", "chapter",
        "subchapter", "section", "hcontainer", "level",
    }
)  # fmt: skip
HIER_NAMES = frozenset(
    {
        *CONTAINER_NAMES, "article", "rule", "paragraph", "subsection", "clause", "alinea", "transitional",
        "subparagraph", "point", "item", "indent", "subclause", "subrule", "proviso", "list", "sublist",
    }
)  # fmt: skip
# The AKN naming convention's abbreviations for eIds (akn-nc 1.0, section on eId components).
EID_ABBREVIATION = {
    "alinea": "al",
    "article": "art",
    "chapter": "chp",
    "clause": "cl",
    "division": "dvs",
    "paragraph": "para",
    "section": "sec",
    "subchapter": "subchp",
    "subclause": "subcl",
    "subdivision": "subdvs",
    "subparagraph": "subpara",
    "subsection": "subsec",
}


@dataclass(frozen=True)
class Layout:
    """The unit element of a document and how many levels of containers stand above its units."""

    unit: str | None
    container_levels: int

    def kind(self, element: etree._Element) -> tuple[bool, ProvisionKind | None]:
        """(decided, kind): our kind for ``element``, None for a transparent container; not decided when the
        layout says nothing about it (the caller falls back to the element-name mapping)."""
        if self.unit is None:
            return False, None
        name = _local(element)
        if name == self.unit:
            return True, "article"
        if name in CONTAINER_NAMES and _holds(element, self.unit):
            depth = sum(1 for a in element.iterancestors() if _local(a) in CONTAINER_NAMES)
            if self.container_levels <= 1:
                return True, "chapter" if name in ("chapter", "subchapter") else "section"
            kept: tuple[ProvisionKind, ProvisionKind] = ("section", "chapter")
            return True, kept[depth] if depth < 2 else None
        inside = 0
        for ancestor in element.iterancestors():
            if _local(ancestor) == self.unit:
                return True, "paragraph" if inside == 0 else "subparagraph"
            if _is_hier(ancestor):
                inside += 1
        return False, None


def read_layout(body: etree._Element | None) -> Layout:
    """The layout of a document's body (see the module docstring)."""
    if body is None:
        return Layout(None, 0)
    for unit in UNIT_NAMES:
        units = [e for e in body.iter() if _local(e) == unit and not _quoted(e)]
        if units:
            levels = max(sum(1 for a in e.iterancestors() if _local(a) in CONTAINER_NAMES) for e in units)
            return Layout(unit, levels)
    return Layout(None, 0)


def eid_part(element: etree._Element, num: str | None) -> str:
    """The eId component of ``element``: its AKN abbreviation and its cleaned number, or its ordinal among
    the preceding siblings of the same name when it has no number."""
    name = _local(element)
    prefix = EID_ABBREVIATION.get(name, name)
    if num:
        return f"{prefix}_{_clean(num)}"
    ordinal = 1 + sum(1 for s in element.itersiblings(preceding=True) if _local(s) == name)
    return f"{prefix}_{ordinal}"


def _clean(num: str) -> str:
    """A number as the naming convention writes it: no brackets or dots, "." inside becomes "-"."""
    cleaned = num.strip().strip("().").replace(".", "-").replace(" ", "")
    return cleaned or "1"


def _holds(element: etree._Element, unit: str) -> bool:
    return any(_local(e) == unit for e in element.iterdescendants())


def _quoted(element: etree._Element) -> bool:
    """Inside quoted text of an amendment (``quotedStructure``, ``mod``): not part of this document's tree."""
    return any(_local(a) in ("quotedStructure", "mod", "embeddedStructure") for a in element.iterancestors())


def _is_hier(element: etree._Element) -> bool:
    return _local(element) in HIER_NAMES


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""
