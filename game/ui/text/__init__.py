"""The terminal front end: a real text adventure, and the way to play with a screen reader.

One screen, one module: `terminal` (reading, writing, wrapping), `menus` (the
first menu, scenario and players, saves), `turn` (a turn and its history),
`classroom` (teams, the class vote, the teacher's notes), `reference` (the
glossary and the timeline), `settings`, `commands`, `debrief` and `app`
(`run`, the game from start to end).
"""

from game.ui.text.app import Options, run
from game.ui.text.state import Game
from game.ui.text.terminal import QuitGame, Terminal, as_number

__all__ = ["Game", "Options", "QuitGame", "Terminal", "as_number", "run"]
