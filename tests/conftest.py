import pytest
import torch

from vae_core.config import DataConfig
from vae_core.data import load_dataset

torch.set_num_threads(1)  # small models: 2 threads spin badly on a loaded 2-core box


@pytest.fixture(scope="session")
def digits():
    return load_dataset(DataConfig(dataset="digits"))
