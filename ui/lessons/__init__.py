"""The Lessons group: a guided course of eight lessons on ``mnist-5k``.

A lesson is data (its tasks, its quiz, its strings) plus a render function for its live view.
``facts`` gathers what the learner did in this session into a ``Facts`` value; each task is a
pure check over it (``tasks``), so tests can feed it facts and AppTest can drive the real
actions. ``core`` draws a lesson and the overview; ``quiz`` the questions and their feedback.
"""
