"""A light element tree of sanitised HTML (sanitize.py hands it over well formed): elements with their
attributes and children, text as str with its entities decoded. Built without recursion, so a tree of any
depth can be read; `flatten_deep` then keeps a converter's recursion within bounds."""
from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
MAX_DEPTH = 100  # deeper elements are kept as their text (a post of 400 nested quotes stays readable)


class Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict | None = None, children: list | None = None):
        self.tag, self.attrs, self.children = tag, attrs or {}, children if children is not None else []

    def get(self, name: str, default: str = "") -> str:
        return self.attrs.get(name, default)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def elements(self, *tags: str):
        """Every element below this one (in document order), of these tags if any are given."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if isinstance(node, Node):
                if not tags or node.tag in tags:
                    yield node
                stack.extend(reversed(node.children))

    def text(self) -> str:
        out, stack = [], list(reversed(self.children))
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                out.append(node)
            else:
                if node.tag in ("br", "img", "hr", "p", "li", "td", "th", "div", "tr", "dt", "dd"):
                    out.append(" ")
                stack.extend(reversed(node.children))
        return "".join(out)

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs} {len(self.children)} children>"


class TreeBuilder(HTMLParser):
    """HTML to a tree of Nodes under a "#root" (void elements never opened)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for n in range(len(self.stack) - 1, 0, -1):
            if self.stack[n].tag == tag:
                del self.stack[n:]
                return

    def handle_data(self, data):
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def flatten_deep(root: Node, limit: int = MAX_DEPTH) -> bool:
    """Elements nested deeper than `limit` become their text; True when any did."""
    flattened, stack = False, [(root, 0)]
    while stack:
        node, depth = stack.pop()
        for n, child in enumerate(node.children):
            if isinstance(child, Node):
                if depth + 1 >= limit and any(isinstance(c, Node) for c in child.children):
                    node.children[n] = Node(child.tag, child.attrs, [" ".join(child.text().split())])
                    flattened = True
                else:
                    stack.append((child, depth + 1))
    return flattened
