"""`immunoguide read` as a user runs it: scripted from a pipe, in a real terminal (pty), interrupted."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

import pytest

from guide.content.loader import bundled_content_dir, load_or_raise

from .reader_run import FIXTURE_CONTENT, run_read

# Any byte a terminal could act on: C0 controls except newline, DEL, C1 controls (as UTF-8).
CONTROL = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
TOP_LEVEL = ["basics", "types", "combinations", "who-and-when", "treatment-course", "side-effects",
             "urgent-help", "monitoring", "outcomes", "practical"]


def lines_of(done: subprocess.CompletedProcess[bytes]) -> list[str]:
    return done.stdout.decode("utf-8").splitlines()


@pytest.mark.parametrize("no_color", [True, False])
def test_reaches_a_topic_by_number_and_prints_it_without_escape_bytes(no_color: bool) -> None:
    done = run_read(b"3\n1\n0\n", env={"NO_COLOR": "1"} if no_color else {"TERM": "xterm-256color"})
    assert done.returncode == 0 and done.stderr == b""
    assert not CONTROL.search(done.stdout)
    out = lines_of(done)
    assert "3. Side effects (6 topics)" in out
    assert "1. Diarrhoea and colitis (1 topic)" in out
    assert "0. Read the introduction: Diarrhoea and colitis" in out
    title = out.index("Diarrhoea and colitis")
    body = out[title:]
    assert body.index("EMERGENCY: call an ambulance or go to the emergency department now") < body.index(
        "The treatment can make your bowel sore and swollen. This is called colitis. Tell your team about any "
        "change in your stools.")
    assert "Colitis means the large bowel is swollen and sore." in body
    assert "- Loose or watery stools" in body
    assert out[-1] == "Goodbye."


def test_reaches_a_topic_by_search_and_prints_it() -> None:
    done = run_read(b"fever\n1\n")
    assert done.returncode == 0 and done.stderr == b""
    out = lines_of(done)
    results = out.index('Main menu> fever')
    assert out[results + 2] == "1. When to call your care team (in: Getting help)"
    assert "URGENT: call your care team now" in out[results:]
    assert "- A fever or chills" in out[results:]
    assert "b. Back to the search results for \"fever\"" in out


def test_lay_words_find_the_topic() -> None:
    out = lines_of(run_read(b"the runs\n"))
    assert any(line.endswith("Diarrhoea and colitis (in: Side effects)") for line in out)


def test_end_of_input_at_once_exits_cleanly() -> None:
    done = run_read(b"")
    assert done.returncode == 0 and done.stderr == b""
    assert lines_of(done)[-1] == "Goodbye."


def test_bad_input_gets_a_message_and_a_new_prompt_never_a_traceback() -> None:
    script = b"".join([
        b"\x1b[A\n",                # an arrow key
        b"\x00\x07\x08\n",          # control characters only
        b"\xff\xfe broken utf-8\n",  # not text at all
        b"x" * 300_000 + b"\n",     # a huge line
        b"99\n", b"-3\n", b"12345678901234567890123\n", b"0\n",
        b"b\n", b"n\n", b"define wobble\n", b"zzqqxx\n",
        b"\n", b"6\n",              # still working afterwards: open a part with no topics
        b"q\n", b"3\n",             # nothing after q is read
    ])
    done = run_read(script)
    assert done.returncode == 0 and done.stderr == b""
    assert not CONTROL.search(done.stdout)
    text = done.stdout.decode("utf-8")
    assert "Arrow keys and other special keys do nothing here." in text
    assert "That line is too long (over 500 characters)." in text
    assert text.count("There is no number") == 4
    assert "Type a number from 1 to 6." in text
    assert "You are at the main menu already." in text
    assert "n and p work when a topic is open." in text
    assert "\"wobble\" is not in the glossary." in text
    assert "Nothing found for \"zzqqxx\"." in text
    assert "Plan ahead for costs & trips." in text
    assert text.rstrip().endswith("Goodbye.") and "Side effects: 6 topics inside." not in text


def test_pager_is_off_when_input_comes_from_a_pipe() -> None:
    done = run_read(b"3\n1\n0\n", "--page-lines", "3")
    assert b"-- More" not in done.stdout and b"Last reviewed: 2026-10-20" in done.stdout


def test_ctrl_c_exits_cleanly() -> None:
    process = subprocess.Popen([sys.executable, "-m", "guide", "read", "--content", str(FIXTURE_CONTENT)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    seen = b""
    deadline = time.monotonic() + 30
    while b"Main menu> " not in seen and time.monotonic() < deadline:
        seen += os.read(process.stdout.fileno(), 4096)
    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in errors and errors == b""
    assert b"Goodbye." in rest


class Terminal:
    """The reader on a real pseudo-terminal, so it sees a tty like a person's terminal."""

    def __init__(self, *args: str) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "guide", "read", "--content", str(FIXTURE_CONTENT), *args],
            stdin=slave, stdout=slave, stderr=slave, start_new_session=True, env={**env, "TERM": "xterm-256color"})
        os.close(slave)
        self.master = master
        self.output = b""

    def wait_for(self, text: bytes, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.master], [], [], left)[0]:
                raise AssertionError(f"never saw {text!r}; screen so far:\n{self.output.decode(errors='replace')}")
            try:
                self.output += os.read(self.master, 65536)
            except OSError:
                raise AssertionError(f"the reader ended before {text!r}") from None

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\n")

    def finish(self) -> int:
        code = self.process.wait(timeout=20)
        while select.select([self.master], [], [], 0.2)[0]:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.output += chunk
        os.close(self.master)
        return code


def test_in_a_terminal_long_topics_stop_at_a_more_prompt() -> None:
    term = Terminal("--page-lines", "8")
    term.wait_for(b"Main menu> ")
    term.type("3")
    term.wait_for(b"Side effects> ")
    term.type("1")
    term.wait_for(b"Diarrhoea and colitis> ")
    term.type("0")
    term.wait_for(b"-- More: press Enter to go on, or q to stop reading -- ")
    assert b"Last reviewed" not in term.output
    term.type("")
    term.wait_for(b"-- More", timeout=20)
    term.type("q")
    term.wait_for(b"Stopped. Type r to read it again from the start.")
    term.type("q")
    assert term.finish() == 0
    assert b"\x1b" not in term.output and b"Last reviewed" not in term.output


def test_in_a_terminal_no_pager_prints_whole_topics() -> None:
    term = Terminal("--no-pager", "--page-lines", "8")
    term.wait_for(b"Main menu> ")
    term.type("6")
    term.wait_for(b"Money & travel> ")
    os.write(term.master, b"\x04")  # Ctrl-D: end of input
    assert term.finish() == 0
    assert b"-- More" not in term.output and b"Last reviewed: 2026-07-01" in term.output
    assert b"\x1b" not in term.output


def test_bundled_guide_main_menu_lists_the_ten_parts() -> None:
    library = load_or_raise(bundled_content_dir() / "en")
    done = run_read(b"q\n", content=None)
    assert done.returncode == 0, done.stderr
    out = lines_of(done)
    menu = [re.sub(r" \(\d+ topics?\)$", "", line.split(". ", 1)[1]) for line in out if re.match(r"\d+\. ", line)]
    for topic_id in TOP_LEVEL:
        assert library[topic_id].title in menu
