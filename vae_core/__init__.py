"""VAE Lab core: a plain PyTorch library (no Streamlit, no Plotly) that trains, loads and measures
Variational Autoencoders. The README's "Architecture" table lists the modules."""

__version__ = "0.1.0"
