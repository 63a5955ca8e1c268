import sys

from vae_core.cli import main

sys.exit(main())
