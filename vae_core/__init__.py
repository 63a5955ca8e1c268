"""VAE Lab core: a plain PyTorch library (no Streamlit, no Plotly) that trains, loads and measures
Variational Autoencoders. See DESIGN.md for the layout."""

__version__ = "0.1.0"
