"""The reading pane: a topic as focusable blocks, with marked glossary terms and the spoken sentence.

Each DocBlock is one focusable line group, so arrows move a paragraph at a time,
focus is announced with its position, and speech can highlight an exact span.
Content text is always wrapped in Content objects: never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from guide.content.document import BlockKind, DocBlock
from guide.ui.glossary_marks import MARKED_KINDS, GlossaryMarker, TermMark
from guide.ui.messages import DefineTerms, FocusMoved, OpenTopic

KIND_WORDS: dict[BlockKind, str] = {
    BlockKind.TITLE: "title",
    BlockKind.SUMMARY: "summary",
    BlockKind.URGENT_LABEL: "urgent warning",
    BlockKind.URGENT: "urgent warning",
    BlockKind.URGENT_SIGN: "urgent sign",
    BlockKind.HEADING: "heading",
    BlockKind.PARAGRAPH: "paragraph",
    BlockKind.BULLET: "list item",
    BlockKind.KEY_POINT: "key point",
    BlockKind.QUESTION: "question",
    BlockKind.RELATED: "link",
    BlockKind.SOURCE: "source",
    BlockKind.REVIEWED: "review date",
}
"""How each kind of block is named when focus lands on it."""

_PREFIX: dict[BlockKind, str] = {
    BlockKind.BULLET: "• ",
    BlockKind.KEY_POINT: "• ",
    BlockKind.QUESTION: "? ",
    BlockKind.URGENT_SIGN: "! ",
    BlockKind.RELATED: "-> ",
}


FIRST_PAINT_BLOCKS = 14
"""Blocks mounted before the first frame of a newly opened document; more than a tall screen shows."""


class BlockView(Static, can_focus=True):
    """One block of the open document."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.focus_block(1)", "Next paragraph", show=False),
        Binding("up", "app.focus_block(-1)", "Previous paragraph", show=False),
    ]

    def __init__(self, block: DocBlock, marks: Sequence[TermMark], position: int, total: int) -> None:
        self.block = block
        self.marks = tuple(marks)
        self.position = position
        self.total = total
        self.speaking: tuple[int, int] | None = None
        super().__init__(self.build(focused=False), classes=f"block -{block.kind.value}", markup=False)

    @property
    def term_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.term_id for m in self.marks))

    def build(self, focused: bool | None = None) -> Content:
        prefix = _PREFIX.get(self.block.kind, "")
        content = Content(prefix + self.block.text)
        shift = len(prefix)
        # Unfocused terms are links (click for the meaning); in a focused or urgent block they are
        # only underlined, so the block's own colours stay, and Enter or a click defines them.
        focused = self._is_focused() if focused is None else focused
        plain_terms = focused or self.block.kind in (BlockKind.URGENT, BlockKind.URGENT_SIGN)
        for mark in self.marks:
            span = (mark.start + shift, mark.end + shift)
            if plain_terms:
                content = content.stylize("underline", *span)
            else:
                content = content.stylize(Style.from_meta({"@click": f"app.define_term('{mark.term_id}')"}), *span)
        if self.speaking is not None:
            start, end = self.speaking
            content = content.stylize("bold $g-speak-text on $g-speak-bg", start + shift, end + shift)
        return content

    def _is_focused(self) -> bool:
        """True inside on_focus too (has_focus is only set after this widget's handler has run)."""
        return self.is_attached and self.screen.focused is self

    def set_speaking(self, span: tuple[int, int] | None) -> None:
        if span != self.speaking:
            self.speaking = span
            self.update(self.build())

    def on_focus(self) -> None:
        self.update(self.build())
        self.post_message(FocusMoved(self.block.text, KIND_WORDS[self.block.kind], self.position, self.total))

    def on_blur(self) -> None:
        self.update(self.build())

    def activate(self) -> None:
        """Enter on a block: follow a link, or define the marked words."""
        if self.block.kind is BlockKind.RELATED and self.block.target:
            self.post_message(OpenTopic(self.block.target))
        elif self.marks:
            self.post_message(DefineTerms(self.term_ids))

    def on_click(self) -> None:
        if self.block.kind is BlockKind.RELATED or (self._is_focused() and self.marks):
            self.activate()


class ReadingPane(VerticalScroll):
    """Shows one document (a topic or the start page) and the sentence being spoken."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "activate", "Open link or define words", show=False)]

    def __init__(self, marker: GlossaryMarker, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marker = marker
        self.views: list[BlockView] = []
        self.document_id: str | None = None
        self._speaking: BlockView | None = None
        self._generation = 0
        self.can_focus = False

    async def show_document(self, document_id: str, blocks: Sequence[DocBlock]) -> None:
        """Replace what is shown; the pane scrolls back to the top."""
        self.document_id = document_id
        self._speaking = None
        total = len(blocks)
        views = [
            BlockView(b, self.marker.marks(b.text) if b.kind in MARKED_KINDS else (), i + 1, total)
            for i, b in enumerate(blocks)
        ]
        self.views = views
        children: list[Widget] = []
        group: list[BlockView] = []
        level = ""

        def close_group() -> None:
            if group:
                children.append(Vertical(*group, classes=f"urgent-box -{level}"))
                group.clear()

        for view in views:
            kind = view.block.kind
            if kind is BlockKind.URGENT_LABEL:
                close_group()
                level = view.block.level or "call-team-now"
                group.append(view)
            elif kind in (BlockKind.URGENT, BlockKind.URGENT_SIGN) and group:
                group.append(view)
            else:
                close_group()
                children.append(view)
        close_group()
        self._generation += 1
        first, rest = children[:FIRST_PAINT_BLOCKS], children[FIRST_PAINT_BLOCKS:]
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all(first)
            self.scroll_home(animate=False)
        if rest:
            # The rest is mounted after the first frame, so a topic appears at once however long it is.
            self.call_after_refresh(self._mount_rest, rest, self._generation)

    async def _mount_rest(self, rest: list[Widget], generation: int) -> None:
        if generation == self._generation and self.is_attached:
            await self.mount_all(rest)

    def focused_view(self) -> BlockView | None:
        focused = self.app.focused
        return focused if isinstance(focused, BlockView) and focused in self.views else None

    def focus_block(self, index: int) -> None:
        if 0 <= index < len(self.views) and self.views[index].is_attached:
            self.views[index].focus(scroll_visible=False)
            self.views[index].scroll_visible(animate=False)

    def action_activate(self) -> None:
        view = self.focused_view()
        if view is not None:
            view.activate()

    def highlight(self, block_index: int, start: int, end: int) -> None:
        """Mark the sentence being spoken and keep it in view; block -1 clears the mark."""
        if self._speaking is not None:
            self._speaking.set_speaking(None)
            self._speaking = None
        if 0 <= block_index < len(self.views):
            view = self.views[block_index]
            view.set_speaking((start, end))
            self._speaking = view
            self.call_after_refresh(self._keep_in_view, view)

    def _keep_in_view(self, view: BlockView) -> None:
        if view.is_attached:
            self.scroll_to_widget(view, animate=False, center=False)

    @property
    def speaking_view(self) -> BlockView | None:
        return self._speaking
