"""The kiosk's part of "My treatment": a visitor's summary is printed by staff, or shown large.

Nothing is written and nothing kept: the choice lives only in what the reader shows (wiped at
reset with the rest). Where the kiosk config names a printer, the staff menu offers to print
the summary on screen (`lp`, in a thread); otherwise F5 shows its urgent signs on the whole
screen, for the visitor to photograph.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work

from guide.content.treatment_choices import SUMMARY_PREFIX
from guide.kiosk.config import KioskConfig
from guide.ui.app import GuideApp

PRINT_CHOICE = "print"


class TakeHomeApp(GuideApp):
    """What KioskApp adds to the reader for a treatment summary (it sets ``config``)."""

    OFFERS_REMEMBERING_TREATMENT: ClassVar[bool] = False
    config: KioskConfig

    def shown_treatment(self) -> str | None:
        """The id of the treatment whose summary is open, or None."""
        shown = self.shown_document
        return shown.removeprefix(SUMMARY_PREFIX) if shown in self.voicing.documents else None

    def staff_take_home_choices(self) -> tuple[tuple[str, str], ...]:
        if self.config.printer and self.shown_treatment():
            return ((PRINT_CHOICE, f"Print the treatment summary on screen (printer {self.config.printer})"),)
        return ()

    async def open_treatment(self, treatment_id: str, record: bool = True) -> None:
        await super().open_treatment(treatment_id, record)
        how = "Staff can print it for you." if self.config.printer else "Press F5 to show it large, to photograph."
        self.notify(f"To take this home: {how}", markup=False, timeout=12)

    def action_treatment_card(self) -> None:
        from guide.ui.screens.treatment import TreatmentCardScreen

        shown = self.shown_treatment()
        if shown is None:
            self.tell("Open your treatment first: press m, then type its name.")
            return
        self.push_screen(TreatmentCardScreen(self.treatment_catalog().card(shown)))

    @work(thread=True, exclusive=True, group="print")
    def print_treatment(self) -> None:
        """lp may wait on the print system: in a thread, and staff are told how it went."""
        from guide.kiosk.printing import print_lines

        shown, printer = self.shown_treatment(), self.config.printer
        if shown is None or not printer:
            return
        lines = self.treatment_catalog().text(shown)
        _, message = print_lines(printer, lines[0] if lines else "My treatment", lines)
        self.call_from_thread(self.tell, message)
