"""``python -m leadrules``: the command line."""

import sys

from .cli import main

sys.exit(main())
