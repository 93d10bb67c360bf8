"""`schemas.conform` gives what pandera's validation gives, without importing pandera when the frame passes."""
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import schemas
from analysis.extract.pipeline import extract_article
from analysis.paths import SEEDS_DIR


def prepared(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as conform hands it to the checks: missing columns added, declared ones first."""
    out = frame.copy()
    for col, dtype in schemas.COLUMNS[name].items():
        if col not in out:
            out[col] = pd.Series([pd.NA] * len(out), index=out.index, dtype=dtype if dtype != schemas.DATE else object)
    extra = [c for c in out.columns if c not in schemas.COLUMNS[name]]
    return out[list(schemas.COLUMNS[name]) + extra].reset_index(drop=True)


def by_pandera(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    return schemas.SCHEMAS[name].validate(prepared(name, frame))


@pytest.fixture(scope="module")
def extracted():
    text = sorted(SEEDS_DIR.glob("*.txt"))[0].read_text(encoding="utf-8")
    return extract_article("a1", text, pd.Timestamp("2024-05-01"))


def test_extracted_tables_conform_as_pandera_validates_them(extracted):
    for name, frame in extracted.items():
        assert len(frame), name
        pd.testing.assert_frame_equal(schemas.conform(name, frame), by_pandera(name, frame), obj=name)


def test_columns_in_other_dtypes_are_coerced_as_pandera_coerces_them():
    frame = pd.DataFrame({
        "article_id": pd.array(["a", "b", "c"], dtype=object), "n_words": np.array([3, 0, 7]),
        "title": pd.array(["x", None, "z"], dtype=pd.StringDtype("python")), "url": [1, None, "u"],
        "published": pd.to_datetime(["2024-01-02", None, "2024-03-04"]).astype("datetime64[ns]"),
        "removed": [[], ["a"], []], "extra": [1.5, 2.5, None]})
    pd.testing.assert_frame_equal(schemas.conform("articles", frame), by_pandera("articles", frame))
    estimates = pd.DataFrame({"estimate_id": ["e1", "e2"], "approximate": [True, None], "value": [1.0, None],
                              "start": pd.array([1, 2], dtype="Int32")})
    pd.testing.assert_frame_equal(schemas.conform("estimates", estimates), by_pandera("estimates", estimates))
    for name in schemas.COLUMNS:
        empty = schemas.empty_frame(name)
        pd.testing.assert_frame_equal(schemas.conform(name, empty), by_pandera(name, empty), obj=name)


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"article_id": ["a", "a"]}),                      # not unique
    pd.DataFrame({"article_id": ["a", None]}),                     # missing
    pd.DataFrame({"article_id": ["a"], "n_words": ["many"]}),      # cannot be an integer
    pd.DataFrame({"article_id": ["a"], "published": ["2024-01-02"]}),  # a date as text: pandera parses it
])
def test_frames_that_fail_or_need_parsing_go_to_pandera(frame):
    try:
        expected = by_pandera("articles", frame)
    except Exception as err:  # noqa: BLE001 - pandera's own error is what conform raises too
        with pytest.raises(type(err)):
            schemas.conform("articles", frame)
    else:
        pd.testing.assert_frame_equal(schemas.conform("articles", frame), expected)


def test_conforming_a_frame_in_its_dtypes_does_not_import_pandera():
    code = ("import sys, pandas as pd; from analysis import schemas; "
            "schemas.conform('sentences', pd.DataFrame({'article_id': ['a'], 'sentence_id': [0], 'text': ['x']})); "
            "print('pandera' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
