"""Every lab's --plain output, in English and in Chinese: the same numbers, no LaTeX left."""
import io
import re

import pytest

from tutor.labs import get_lab, lab_names
from tutor.locale import using

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
HAN = re.compile(r"[\u4e00-\u9fff]")


def plain(name: str, lang: str) -> str:
    out = io.StringIO()
    with using(lang):
        get_lab(name)().plain(out)
    return out.getvalue()


@pytest.mark.parametrize("name", lab_names())
def test_plain_output_in_both_languages(name):
    en, zh = plain(name, "en"), plain(name, "zh")
    for text in (en, zh):
        assert not re.search(r"\\[A-Za-z]+", text), "LaTeX left in the text"
        assert not re.search(r"\bnan\b", text)
    assert not HAN.search(en)
    # translation changes words, never numbers
    assert sorted(NUMBER.findall(zh)) == sorted(NUMBER.findall(en))
    # the Chinese output reads Chinese: none of the common English words is left
    assert HAN.search(zh)
    left = re.findall(r"\b(?:[Tt]he|[Aa]nd|[Oo]f|[Ww]ith|[Aa]fter|[Ss]teps?|[Ee]pochs?|[Ll]oss|[Aa]ccuracy|"
                      r"[Dd]iverged|[Ii]terations?|[Ll]ayers?|[Dd]one)\b", zh)   # (AND the gate is a name)
    assert not left, left


@pytest.mark.parametrize("name", lab_names())
def test_step_captions_in_both_languages(name):
    """What the stepper shows: every caption in Chinese has Chinese in it and the English numbers."""
    import itertools

    from tutor.labs.kit.captions import caption

    captions = {}
    for lang in ("en", "zh"):
        with using(lang):
            captions[lang] = [caption(e) for e in itertools.islice(get_lab(name)().run(), 150)]
    assert len(captions["en"]) == len(captions["zh"])
    for en, zh in zip(captions["en"], captions["zh"]):
        if re.search(r"[A-Za-z]{3,}", en):          # words, not only a formula such as t = 9: |∂h_10/∂h_9|
            assert HAN.search(zh), en
        assert sorted(NUMBER.findall(zh)) == sorted(NUMBER.findall(en)), (en, zh)
