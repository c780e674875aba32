"""Imported by the process pool's fork server (and by nothing else) before it forks workers: every
worker starts with the pipeline imported and its vocabularies loaded, without forking the
(multi-threaded) build process. The fork server dies with the build, as its workers do."""
import os

from .executors import PARENT_VARIABLE, _expected_parent, die_with_parent

die_with_parent(_expected_parent())  # the build, which started this fork server
os.environ[PARENT_VARIABLE] = str(os.getpid())  # the workers' parent is this fork server

from .documents import warm  # noqa: E402 - after the watch, so a build killed while this loads is seen

warm()
