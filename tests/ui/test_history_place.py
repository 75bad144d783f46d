"""History keeps the place (issue 14 item 3): Back and Forward return to the block the person was
on, and never get stuck in a search box."""

from __future__ import annotations

from guide.ui.history import START, History, Place


def test_each_place_keeps_the_block_it_was_left_at() -> None:
    history = History()
    history.visit(Place("topic", "colitis"), leaving_at=3)
    assert history.places[0] == START._replace(block=3)
    history.visit(Place("topic", "rash"), leaving_at=7)
    back = history.back(leaving_at=2)
    assert back == Place("topic", "colitis", 7)
    forward = history.forward(leaving_at=5)
    assert forward == Place("topic", "rash", 2)
    assert history.back() == Place("topic", "colitis", 5)


def test_the_same_page_at_another_block_is_not_a_new_place() -> None:
    history = History()
    history.visit(Place("topic", "colitis"))
    history.visit(Place("topic", "colitis", 4), leaving_at=9)
    assert len(history.places) == 2
    assert history.current == Place("topic", "colitis", 0)
    history.leave(-1)  # a pane with no cursor leaves the place as it was
    assert history.current.block == 0
