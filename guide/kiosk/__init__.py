"""The kiosk: the guide locked down for a waiting room, in a terminal or a browser.

rules.py and config.py import no Textual, so the PIN and config commands work anywhere;
app.py, screens.py and web.py are the Textual and textual-serve halves."""
