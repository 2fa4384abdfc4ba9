"""The finishing passes over a parsed tree: numbers restored from their sequence, eIds, and spans closed.

They run once the whole text is read, because each needs its siblings (a flattened "31" is only "3.1" between
"3" and "4"; a second "para_u1" needs the first).
"""

from __future__ import annotations

from charterwatch.texts.numbering_inserted import restore_flattened
from charterwatch.texts.numbering_ordinals import ordinal_value
from charterwatch.texts.tree import EID_PREFIX, Provision


def restore_flattened_numbers(node: Provision) -> None:
    """Paragraphs and items lose their superscripts too ("3", "31", "4" in Article 81 of the 2020 text)."""
    for kind in ("paragraph", "subparagraph"):
        numbered = [c for c in node.children if c.kind == kind and c.num is not None and c.num.isdigit()]
        for child, num in zip(numbered, restore_flattened([c.num or "" for c in numbered]), strict=True):
            child.num = num
    for child in node.children:
        restore_flattened_numbers(child)


def assign_eids(nodes: list[Provision], parent: str) -> None:
    seen: dict[str, int] = {}
    unnumbered = 0
    for node in nodes:
        if node.kind == "preamble":
            local = "preamble"
        elif node.kind == "note":
            local = "note"
        elif node.num is None:
            unnumbered += 1
            local = f"{EID_PREFIX[node.kind]}_u{unnumbered}"
        elif node.kind == "section":
            value = ordinal_value(node.num)
            local = f"sec_{value if value is not None else node.num}"
        else:
            local = f"{EID_PREFIX[node.kind]}_{node.num.replace('.', '-')}"
        if node.kind == "note":
            seen[local] = seen.get(local, 0) + 1
            local = f"note_{seen[local]}"
        elif local in seen:
            seen[local] += 1
            local = f"{local}_{seen[local]}"
        else:
            seen[local] = 1
        node.eid = f"{parent}__{local}" if parent else local
        assign_eids(node.children, node.eid)


def close_spans(node: Provision) -> None:
    end = max(node.span[1], node.text_span[1])
    for child in node.children:
        close_spans(child)
        end = max(end, child.span[1])
    start = node.span[0] if node.span != (0, 0) else node.text_span[0]
    node.span = (start, end)
