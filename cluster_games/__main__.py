"""``python -m cluster_games``: the same as the ``cluster-games`` command."""

import sys

from .cli import main

sys.exit(main())
