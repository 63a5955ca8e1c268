"""Classes: learners who keep their progress without an account, and teachers' dashboards."""
