"""The window-by-window event iterators agree with the fast layers."""
import numpy as np
import pytest

from engine.conv import Conv2D
from engine.conv_steps import cnn_events, conv_window_events, flatten_event, pool_window_events, tex_num
from engine.pooling import AvgPool2D, MaxPool2D


def conv_layer_output(image, kernel, bias, padding, stride):
    image, kernel = np.asarray(image, float), np.asarray(kernel, float)
    if image.ndim == 2:
        image, kernel = image[None], kernel[None]
    layer = Conv2D(image.shape[0], 1, kernel.shape[-1], padding=padding, stride=stride)
    layer.params["W"][:] = kernel[None]
    layer.params["b"][:] = bias
    return layer.forward(image[None])[0, 0]


@pytest.mark.parametrize("padding", ["valid", "same", "full"])
@pytest.mark.parametrize("stride", [1, 2])
def test_final_feature_map_equals_conv2d_forward(padding, stride):
    rng = np.random.default_rng(0)
    image, kernel = rng.normal(size=(6, 5)), rng.normal(size=(3, 3))
    events = list(conv_window_events(image, kernel, 0.5, padding, stride))
    windows = [e for e in events if e.kind == "window"]
    expected = conv_layer_output(image, kernel, 0.5, padding, stride)
    assert events[0].kind == "info"
    assert len(windows) == expected.size
    np.testing.assert_allclose(windows[-1].arrays["feature_map"], expected, rtol=1e-12)
    assert windows[-1].arrays["filled"].all()
    assert [e.step for e in events] == list(range(len(events)))


def test_multichannel_window():
    rng = np.random.default_rng(1)
    image, kernel = rng.normal(size=(3, 5, 5)), rng.normal(size=(3, 3, 3))
    last = list(conv_window_events(image, kernel, -0.2, "same"))[-1]
    np.testing.assert_allclose(last.arrays["feature_map"], conv_layer_output(image, kernel, -0.2, "same", 1))
    assert last.arrays["window"].shape == (3, 3, 3)
    assert r"\cdots" in last.formula                     # 27 products are abbreviated


def test_window_event_shows_the_multiply_add():
    image = np.array([[1, 2, 0], [0, 1, 3], [4, 0, 1]])
    kernel = np.array([[1, 0], [0, -1]])
    first = list(conv_window_events(image, kernel, bias=1))[1]
    # y_11 = 1*1 + 2*0 + 0*0 + 1*(-1) + 1 = 1
    assert first.values["value"] == 1.0
    assert first.formula.endswith("= 1")
    assert r"1 \cdot (-1)" in first.formula
    np.testing.assert_array_equal(first.arrays["window"], [[1, 2], [0, 1]])
    np.testing.assert_array_equal(first.arrays["products"], [[1, 0], [0, -1]])
    assert first.arrays["filled"].sum() == 1


def test_info_event_gives_the_size_formula():
    info = next(conv_window_events(np.zeros((5, 5)), np.ones((3, 3)), padding="full", stride=2))
    assert info.values["padding"] == 2 and info.values["h_out"] == 4
    assert "= 4" in info.formula


@pytest.mark.parametrize("mode,cls", [("max", MaxPool2D), ("avg", AvgPool2D)])
@pytest.mark.parametrize("size,stride", [(2, None), (3, 1)])
def test_pool_events_equal_pool_layers(mode, cls, size, stride):
    fmap = np.random.default_rng(2).normal(size=(6, 7))
    events = list(pool_window_events(fmap, size, stride, mode))
    expected = cls(size, stride).forward(fmap[None, None])[0, 0]
    assert len(events) == expected.size
    np.testing.assert_allclose(events[-1].arrays["pooled"], expected, rtol=1e-12)


def test_max_pool_event_names_the_winner():
    fmap = np.array([[1.0, 5.0], [-2.0, 3.0]])
    (event,) = pool_window_events(fmap, 2)
    assert event.formula == r"\max(1, 5, -2, 3) = 5"
    assert (event.values["argmax_row"], event.values["argmax_col"]) == (0, 1)
    (avg,) = pool_window_events(fmap, 2, mode="avg")
    assert avg.formula == r"\frac{1}{4}(1 + 5 + (-2) + 3) = 1.75"


def test_flatten_is_row_major():
    e = flatten_event(np.array([[1.0, 2.0], [3.0, 4.5]]))
    np.testing.assert_array_equal(e.arrays["vector"], [1, 2, 3, 4.5])
    assert e.kind == "flatten" and "(1, 2, 3, 4.50)" in e.formula


def test_cnn_pipeline_matches_the_layers():
    rng = np.random.default_rng(3)
    image, kernel = rng.normal(size=(6, 6)), rng.normal(size=(3, 3))
    events = list(cnn_events(image, kernel, 0.1, "same", relu=True, pool="max", pool_size=2))
    kinds = [e.kind for e in events]
    assert kinds[0] == "info" and kinds[-2:] == ["flatten", "done"]
    assert kinds.count("window") == 36 and kinds.count("pool") == 9 and kinds.count("forward") == 1
    assert [e.step for e in events] == list(range(len(events)))
    y = conv_layer_output(image, kernel, 0.1, "same", 1)
    pooled = MaxPool2D(2).forward(np.maximum(y, 0)[None, None])[0, 0]
    done = events[-1]
    np.testing.assert_allclose(done.arrays["feature_map"], y)
    np.testing.assert_allclose(done.arrays["pooled"], pooled)
    np.testing.assert_allclose(done.arrays["vector"], pooled.ravel())


def test_bad_input_gives_clear_messages():
    with pytest.raises(ValueError, match="kernel"):
        list(conv_window_events(np.zeros((4, 4)), np.zeros((3, 3, 3))))
    with pytest.raises(ValueError, match="mode"):
        list(pool_window_events(np.zeros((4, 4)), mode="median"))
    with pytest.raises(ValueError, match="larger"):
        list(conv_window_events(np.zeros((2, 2)), np.zeros((3, 3))))


def test_tex_num():
    assert tex_num(3.0) == "3" and tex_num(-0.0) == "0" and tex_num(0.125, 3) == "0.125"
    assert tex_num(-1e-9) == "0.00"
