"""Browser-side components (Streamlit components v2): one folder each, the JS beside the
Python that mounts it."""
