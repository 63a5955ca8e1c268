"""Translations of the app's strings: ``<lang>.py`` and ``<lang>_<group>.py`` modules, each with
one flat dict (``ZH``) keyed by ``"<TABLE>.<key>[.<subkey>]"``; see ``ui.i18n``."""
