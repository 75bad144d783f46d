"""The tree of topics: the table of contents a person moves through with arrows."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from guide.content.model import Library
from guide.ui.messages import FocusMoved, OpenTopic


class TopicTree(Tree[str]):
    """Enter opens the highlighted topic; Space, Right and Left open or close a part; every move is announced.

    Right and Left behave as in every other tree people know (file managers, the ARIA tree
    pattern): Right opens a closed part or steps into an open one, Left closes it or steps
    out to the part above. Textual's Tree binds neither.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "open_part", "Open part", show=False),
        Binding("left", "close_part", "Close part", show=False),
    ]

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(Text("Topics"), id=id)
        self.library = library
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._topic_nodes: dict[str, TreeNode[str]] = {}
        self._fill(self.root, None)

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """A title wider than the list ends with an ellipsis (the path line and speech give it whole)."""
        label = super().render_label(node, base_style, style)
        room = self.scrollable_content_region.width - self.guide_width(node)
        if room > 1 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label

    def guide_width(self, node: TreeNode[str]) -> int:
        """Cells of guide lines before a row's label: guide_depth for each part above it."""
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        return depth * self.guide_depth

    def is_cut(self, node: TreeNode[str]) -> bool:
        """Its row is too narrow for its whole title."""
        room = self.scrollable_content_region.width - self.guide_width(node)
        return room > 1 and super().render_label(node, Style(), Style()).cell_len > room

    def on_mount(self) -> None:
        """The first row is highlighted from the start, so the first Down moves on and Enter opens it."""
        self.cursor_line = 0

    def _fill(self, node: TreeNode[str], parent: str | None) -> None:
        for topic in self.library.children(parent):
            has_children = bool(self.library.children(topic.id))
            child = node.add(Text(topic.title), data=topic.id, allow_expand=has_children)
            self._topic_nodes[topic.id] = child
            if has_children:
                self._fill(child, topic.id)

    def action_open_part(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
            self._announce(node)
        elif node.children:
            self.cursor_line = node.children[0].line

    def action_close_part(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
            self._announce(node)
        elif node.parent is not None and node.parent is not self.root:
            self.cursor_line = node.parent.line

    def _announce(self, node: TreeNode[str]) -> None:
        """Say the part's new state ("closed" or how many topics it shows) after opening or closing."""
        message = self.describe(node)
        if message is not None and self.has_focus:
            self.post_message(message)

    def show_topic(self, topic_id: str) -> None:
        """Move the cursor to a topic, opening the parts above it and the topic itself when it is
        a part (so its topics are in view), without announcing twice."""
        node = self._topic_nodes.get(topic_id)
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        self.call_after_refresh(self._move_cursor_quietly, node)

    def _move_cursor_quietly(self, node: TreeNode[str]) -> None:
        if node.line >= 0 and node.line != self.cursor_line:
            self.cursor_line = node.line
            self.scroll_to_node(node, animate=False)

    def collapse_all_parts(self) -> None:
        """Every part closed and the cursor on the first one, as at start (kiosk reset)."""
        for child in self.root.children:
            child.collapse_all()
        self.cursor_line = 0

    def describe(self, node: TreeNode[str]) -> FocusMoved | None:
        """What the cursor is on, as self-voicing says it."""
        if node.data is None:
            return None
        topic = self.library[node.data]
        siblings = self.library.children(topic.parent)
        position = next((i for i, t in enumerate(siblings, 1) if t.id == topic.id), 0)
        children = len(self.library.children(topic.id))
        kind = "section" if children else "topic"
        closed = bool(children) and not node.is_expanded
        return FocusMoved(topic.title, kind, position, len(siblings), children, closed=closed)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        if self.has_focus:
            message = self.describe(event.node)
            if message is not None:
                self.post_message(message)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(OpenTopic(event.node.data))

    def on_focus(self) -> None:
        node = self.cursor_node
        if node is not None:
            message = self.describe(node)
            if message is not None:
                self.post_message(message)
