"""Start Turkestan Crossroads: `python main.py` (add --help for the options)."""

import sys

if __name__ == "__main__":
    try:
        from game.cli import main
    except ImportError as error:  # a missing library: one line that says how to fix it, no traceback
        print(
            f"Turkestan Crossroads cannot start: {error}. Install what it needs with: pip install -e .",
            file=sys.stderr,
        )
        sys.exit(1)
    sys.exit(main())
