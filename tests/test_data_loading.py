"""The data files read by libyaml (a build reads them in every process) give what PyYAML gives."""
from importlib import resources

import pytest

from pipeline.safe_yaml import YAMLBombError, load_reviewed, load_text

DATA_FILES = sorted(e.name for e in resources.files("pipeline.data").iterdir() if e.name.endswith(".yaml"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_a_data_file_reads_the_same_by_libyaml_and_by_pyyaml(name):
    text = resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8")
    assert load_reviewed(text) == load_text(text)


def test_a_data_file_with_aliases_past_the_bound_is_refused_by_libyaml_too():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 10)}]\n" for n in range(6))
    with pytest.raises(YAMLBombError):
        load_reviewed(bomb)
