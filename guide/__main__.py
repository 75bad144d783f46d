"""``python -m guide`` runs the same command line as ``immunoguide``."""

import sys

from guide.cli import main

sys.exit(main())
