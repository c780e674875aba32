"""Imported by the process pool's fork server (and by nothing else) before it forks workers: every
worker starts with the pipeline imported and its vocabularies loaded, without forking the
(multi-threaded) build process. The fork server dies with the build, as its workers do."""
from .documents import warm
from .executors import die_with_parent

die_with_parent()
warm()
