"""Imported by the process pool's fork server before it forks workers: every worker starts with the
pipeline imported and its vocabularies loaded, without forking the (multi-threaded) build process."""
from .documents import warm

warm()
