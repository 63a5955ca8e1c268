"""Learning from few labels: semi-supervised learning with a VAE (Kingma et al. 2014) against
baselines, and the selected model's code against PCA."""

from ui.fewlabels import view as few
from ui.shell import state

state.ensure_shell()
few.render()
