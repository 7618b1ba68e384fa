"""The ``leadrules`` console script and ``python -m leadrules``.

Ctrl-C is one line and exit 130 (as :func:`leadrules.cli.main` makes it) also
while the command line itself is being imported: this module imports nothing
but :mod:`sys` and the package's light ``__init__`` before it is armed.  (Python
still prints its own traceback for a Ctrl-C before its start-up reaches here.)
"""

import sys


def run() -> None:
    try:
        from .cli import main
        code = main()
    except KeyboardInterrupt:
        print("leadrules: interrupted", file=sys.stderr)
        code = 130
    sys.exit(code)
