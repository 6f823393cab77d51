"""The few XML nodes the MathML printers build, in place of ``xml.dom.minidom``'s.

SymPy's MathML printer builds a minidom tree and serialises it; a page of steps builds tens of
thousands of elements, and minidom spends most of a render on them (a new document per printer,
attribute nodes, a writer object per ``toxml``). These nodes keep the part of minidom's
interface the printers use — ``createElement``/``createTextNode``, ``appendChild``,
``removeChild``, ``setAttribute``, ``childNodes``, ``firstChild``,
``parentNode``, ``tagName``, ``nodeType``, ``data``, ``getElementsByTagName`` — and serialise
exactly as minidom's ``toxml()`` does.
"""

from __future__ import annotations


class _Node:
    __slots__ = ("parentNode",)

    ELEMENT_NODE = 1
    TEXT_NODE = 3

    firstChild = None
    childNodes: list = []  # a text node has none (never added to)
    # An element a printer remembers (and so never changes) keeps its markup and its width
    # once worked out: it is shared by every formula it is part of.
    kept = False
    xml: str | None = None
    ems: float | None = None


class Text(_Node):
    """Character data, escaped as minidom escapes it when written."""

    __slots__ = ("data",)
    nodeType = _Node.TEXT_NODE

    def __init__(self, data: str) -> None:
        self.parentNode = None
        self.data = data

    def toxml(self) -> str:
        return _escaped(self.data)


class Element(_Node):
    """An element: a tag, attributes in the order set, and children."""

    __slots__ = ("attributes", "childNodes", "ems", "kept", "tagName", "xml")
    nodeType = _Node.ELEMENT_NODE

    def __init__(self, tag: str) -> None:
        self.parentNode = None
        self.tagName = tag
        self.attributes: dict[str, str] = {}
        self.childNodes: list[_Node] = []
        self.kept, self.xml, self.ems = False, None, None

    @property
    def firstChild(self):
        return self.childNodes[0] if self.childNodes else None

    def setAttribute(self, name: str, value: str) -> None:
        self.attributes[name] = value

    def appendChild(self, node: _Node) -> _Node:
        # Unlike minidom's, a node with a parent is not moved: a printed subtree is shared by
        # every formula it is part of, each parent holding it (its parentNode is the last).
        self.childNodes.append(node)
        node.parentNode = self
        return node

    def removeChild(self, node: _Node) -> _Node:
        for i, child in enumerate(self.childNodes):
            if child is node:
                del self.childNodes[i]
                node.parentNode = None
                return node
        raise ValueError("not a child of this element")

    def getElementsByTagName(self, tag: str) -> list[Element]:
        """Every element below this one named ``tag``, in document order."""
        found: list[Element] = []
        for child in self.childNodes:
            if child.nodeType == _Node.ELEMENT_NODE:
                if child.tagName == tag:
                    found.append(child)
                found += child.getElementsByTagName(tag)
        return found

    def shallow_copy(self) -> Element:
        """The same tag, attributes and children (the children shared, not copied), no parent."""
        twin = Element(self.tagName)
        twin.attributes = dict(self.attributes)
        twin.childNodes = list(self.childNodes)
        return twin

    def toxml(self) -> str:
        out: list[str] = []
        _write(self, out)
        return "".join(out)


def _write(node: Element, out: list[str]) -> None:
    if node.xml is not None:
        out.append(node.xml)
    elif node.kept:
        own: list[str] = []
        _write_fresh(node, own)
        node.xml = "".join(own)
        out.append(node.xml)
    else:
        _write_fresh(node, out)


def _write_fresh(node: Element, out: list[str]) -> None:
    out.append("<" + node.tagName)
    if node.attributes:
        for name, value in node.attributes.items():
            out.append(f' {name}="{value.translate(_ESCAPES)}"')
    if not node.childNodes:
        out.append("/>")
        return
    out.append(">")
    for child in node.childNodes:
        if child.nodeType == _TEXT:
            out.append(child.data.translate(_ESCAPES))
        elif child.xml is not None:  # _write's first case, without the call
            out.append(child.xml)
        else:
            _write(child, out)
    out.append(f"</{node.tagName}>")


def _escaped(data: str) -> str:
    # minidom's own escaping, quotes included, in text and attributes alike.
    return data.translate(_ESCAPES)


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", ">": "&gt;"})
_TEXT = _Node.TEXT_NODE


class Document:
    """What the printers ask a document for: new elements and text nodes."""

    createElement = Element
    createTextNode = Text
