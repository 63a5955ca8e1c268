"""Deployment recipes: nginx in front of several replicas (``nginx.py``), see the README."""
