import sys

from vae_core.cli import main

code = main()
if "vae_core.distributed" in sys.modules:  # train under torchrun (imports torch only then)
    from vae_core.distributed import exit_process

    exit_process(code)
sys.exit(code)
