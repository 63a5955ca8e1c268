"""Streamlit glue for VAE Lab: session state, jobs, figures and widgets (the only layer that
knows Streamlit; ``vae_core`` never imports it)."""

from ui.shell.jobs import favour_training_threads, limit_torch_threads

# Every ui module imports torch; the thread default must be in the environment before that.
limit_torch_threads()
favour_training_threads()  # the server's pages and its training threads share one GIL
