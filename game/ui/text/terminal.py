"""Where the terminal game reads and writes: wrapping, prompts, pauses, and hiding the screen.

Choices are read line by line from standard input, so the game can be piped or
scripted; it pauses for Enter only when a person is at a terminal.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from game.i18n import _

CLEAR = "\033[2J\033[H"  # erase the screen and go to its top (any terminal since the VT100)


class QuitGame(Exception):
    """The player asked to leave, or the input ended."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Terminal:
    """Where the game reads and writes; swapped out in tests."""

    read: Callable[[str], str]
    out: TextIO
    pauses: bool
    width: int
    screen: bool = False  # a real screen (not a pipe): it can be cleared, and the height is known
    height: int = 24

    @classmethod
    def standard(cls) -> Terminal:
        size = shutil.get_terminal_size((88, 24))
        readable_output()
        screen = sys.stdin.isatty() and sys.stdout.isatty()
        return cls(
            input, sys.stdout, sys.stdin.isatty(), max(40, min(size.columns, 100)) - 2, screen, size.lines
        )

    def say(self, text: str = "", indent: int = 0) -> None:
        if not text:
            print(file=self.out)
            return
        prefix = " " * indent
        for paragraph in text.split("\n"):
            wrapped = textwrap.fill(
                paragraph,
                self.width,
                initial_indent=prefix,
                subsequent_indent=prefix,
                break_on_hyphens=False,
                break_long_words=False,  # a file's path stays whole, to be copied
            )
            print(wrapped, file=self.out)

    def item(self, marker: str, text: str, indent: int = 2) -> None:
        """A numbered or bulleted line whose continuation lines hang under its text."""
        first = " " * indent + marker
        wrapped = textwrap.fill(
            text,
            self.width,
            initial_indent=first,
            subsequent_indent=" " * len(first),
            break_on_hyphens=False,
            break_long_words=False,
        )
        print(wrapped, file=self.out)

    def line(self, text: str) -> None:
        """A line printed as it is (a table row), never wrapped."""
        print(text, file=self.out)

    def rule(self, char: str = "\u2500") -> None:
        print(char * self.width, file=self.out)

    def heading(self, text: str) -> None:
        self.say()
        self.say(f"\u2500\u2500 {text} ".ljust(self.width, "\u2500"))

    def ask(self, prompt: str) -> str:
        self.out.flush()
        try:
            answer = self.read(prompt).strip()
        except EOFError:
            raise QuitGame(_("The input has ended, so the game stops here. Goodbye.")) from None
        except UnicodeDecodeError:  # bytes that are not text on a stdin we could not reconfigure
            raise QuitGame(_("The input is not readable text, so the game stops here. Goodbye.")) from None
        if not self.pauses:  # scripted input is not echoed by a terminal; show it in the transcript
            print(answer, file=self.out)
        return answer

    def pause(self) -> None:
        if self.pauses:
            self.ask(_("  [Enter to continue] "))

    def clear(self) -> None:
        """Hide what is on the screen: the other team must not see these choices.

        A real screen is scrolled clear with blank lines (the screen's height,
        for terminals that ignore control codes) and then erased. A pipe or a
        transcript gets a rule instead: nobody is watching it, and a reader
        should not meet a page of blank lines.
        """
        if self.screen:
            self.out.write("\n" * self.height + CLEAR)
            self.out.flush()
        else:
            self.say()
            self.rule("\u2508")


def readable_output() -> None:
    """Never stop on a character the console cannot show (Cyrillic in a cp1252 console): escape it."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def as_number(answer: str) -> int | None:
    """A typed choice number, or None. Only ASCII digits, and few of them: str.isdigit()
    accepts '²', which int() refuses, and int() of thousands of digits is refused too."""
    if answer.isascii() and answer.isdigit() and len(answer) <= 6:
        return int(answer)
    return None


QUIT_WORDS = ("q", "quit", "exit")


def choose(terminal: Terminal, prompt: str, count: int) -> int:
    """Ask for a number 1..count; returns the 0-based index."""
    while True:
        answer = terminal.ask(prompt).lower()
        if answer in QUIT_WORDS:
            raise QuitGame(_("You leave the game. Goodbye."))
        number = as_number(answer)
        if number is not None and 1 <= number <= count:
            return number - 1
        terminal.say(_("Please type a number from 1 to {count}, or q to quit.").format(count=count))


def numbered(terminal: Terminal, labels: list[str]) -> None:
    for number, label in enumerate(labels, start=1):
        terminal.item(f"{number}. ", label)
