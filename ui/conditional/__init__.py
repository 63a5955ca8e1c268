"""The conditional VAE page: pick a digit and drag the style, the analogy grid, a drawing's
style written as every digit, and how often samples are the digit asked for."""
