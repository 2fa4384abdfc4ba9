"""Main text of an HTML page, one block per line, without the site's navigation and footer.

trafilatura is good at finding the main text of a news-like page, but a constitution page is unusual: dozens of
one-line headings ("Article 5") between short paragraphs, and some sites put those headings in markup that
trafilatura takes for boilerplate. Losing the article headings loses the whole structure, so when a plain lxml
walk over the block elements finds more structural headings than trafilatura kept, the lxml walk wins.
"""

from __future__ import annotations

import re

from lxml import etree, html

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.readers_decode import normalise_text

# Lines that open a provision in the languages we read; only used to count what each extraction kept.
_STRUCTURE_LINE = re.compile(
    r"^\s*(?:(?:article|статья|section|раздел|chapter|глава)\s+[\dIVXLCDM]|\d+(?:-\d+)?-бап|[IVXLCDM]+\s+бөлім)",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

_TRAFILATURA_BLOCKS = {"head", "p", "item", "cell", "quote", "code", "list", "row", "table"}

_DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "svg",
)
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "tr", "td", "th", "thead", "tbody", "pre", "blockquote", "caption", "figcaption", "figure", "address",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body",
}  # fmt: skip
_NOISE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
# Class or id tokens naming page chrome: "cookie-banner" and "site-header" yes, "article-header" no.
_NOISE_PART = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "sidebar",
    "cookie",
}
_NOISE_PART |= {"cookies", "banner", "share", "social", "masthead"}
_NOISE_TOKEN = {"header", "site-header", "page-header", "top-header", "global-header"}


def read_html(text: str, *, path: str) -> tuple[str, str | None]:
    """The page's main text (one block per line) and its title."""
    text = _XML_DECLARATION.sub("", text)
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise CharterwatchError(E.HTML_NO_TEXT, path=path) from e
    title = _page_title(root)
    lines, trafilatura_title = _trafilatura_lines(text)
    fallback = _lxml_lines(root)
    if _count_structure(fallback) > _count_structure(lines) or not lines:
        lines = fallback
    if not lines:
        raise CharterwatchError(E.HTML_NO_TEXT, path=path)
    return normalise_text("\n".join(lines)), trafilatura_title or title


def _count_structure(lines: list[str]) -> int:
    return sum(1 for line in lines if _STRUCTURE_LINE.match(line))


def _page_title(root: html.HtmlElement) -> str | None:
    found = root.find(".//title")
    if found is None:
        return None
    title = " ".join(found.text_content().split())
    return title or None


def _trafilatura_lines(text: str) -> tuple[list[str], str | None]:
    import trafilatura

    try:
        extracted = trafilatura.extract(
            text,
            output_format="xml",
            include_formatting=False,
            include_comments=False,
            include_tables=True,
            include_links=False,
            with_metadata=True,
        )
    except Exception:  # trafilatura has no error contract; the lxml walk is the answer then
        return [], None
    if not extracted:
        return [], None
    try:
        doc = etree.fromstring(
            extracted.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        return [], None
    main = doc.find("main")
    if main is None:
        return [], None
    lines: list[str] = []
    for element in main.iter():
        if element.tag in _TRAFILATURA_BLOCKS and not any(c.tag in _TRAFILATURA_BLOCKS for c in element):
            lines.extend(_collapse(part) for part in _split_on_breaks(element))
    title = doc.get("title")
    return [line for line in lines if line], (title or None)


def _split_on_breaks(element: etree._Element) -> list[str]:
    """The element's text, split at its <lb/> line breaks."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("")
        else:
            parts[-1] += "".join(t for t in child.itertext() if isinstance(t, str))
        parts[-1] += child.tail or ""
    return parts


def _lxml_lines(root: html.HtmlElement) -> list[str]:
    body = root.find("body")
    container = _main_container(root)
    if container is None:
        container = body if body is not None else root
    _drop_noise(container, is_page=container is body or container is root)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _collapse("".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(element: html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            flush()
        elif tag:
            is_block = tag in _BLOCKS
            if is_block:
                flush()
            current.append(element.text or "")
            for child in element:
                walk(child)
            if is_block:
                flush()
        current.append(element.tail or "")

    walk(container)
    flush()
    return lines


def _main_container(root: html.HtmlElement) -> html.HtmlElement | None:
    for xpath in ("//main", "//*[@role='main']", "//article", "//*[@id='content' or @id='main']"):
        found = root.xpath(xpath)
        if found:
            best: html.HtmlElement = max(found, key=lambda e: len(e.text_content()))
            return best
    return None


def _drop_noise(container: html.HtmlElement, *, is_page: bool) -> None:
    """Remove scripts, navigation and page chrome; a <header> inside the content is a heading, not chrome."""
    doomed = [e for e in container.iter(*_DROPPED)]
    for element in container.iter():
        if element is container or not isinstance(element.tag, str):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".split()
        if (
            element.get("role") in _NOISE_ROLES
            or any(_is_noise_name(name) for name in names)
            or (is_page and element.tag in ("header", "footer") and element.getparent() is container)
        ):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


def _is_noise_name(name: str) -> bool:
    name = name.lower()
    return name in _NOISE_TOKEN or any(part in _NOISE_PART for part in re.split(r"[-_]", name))


def _collapse(text: str) -> str:
    return " ".join(text.split())
