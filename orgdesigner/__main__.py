"""``python -m orgdesigner``: the same as the ``orgdesigner`` command."""

import sys

from .cli import main

sys.exit(main())
