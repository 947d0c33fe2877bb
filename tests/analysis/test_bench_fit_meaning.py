"""Fast checks of how bench/fit_meaning.py fits the meaning model's weights, on
made-up examples: no encoder, no aligner run."""

import numpy as np

from bench.fit_meaning import Recipe, _newton, fit_weights

STANDARD = Recipe(standardise=True, l2=1.0)
PLAIN = Recipe(standardise=False, l2=1.0)


def _examples(seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Three features on very different scales (a cosine, a gap of a few
    hundredths, a 0/1 flag), and labels that depend on all three."""
    rng = np.random.default_rng(seed)
    x = np.column_stack(
        [rng.uniform(0.4, 0.9, 200), rng.normal(0.0, 0.05, 200), rng.integers(0, 2, 200)]
    )
    z = 6 * (x[:, 0] - 0.65) + 30 * x[:, 1] + 0.8 * x[:, 2] - 0.4
    y = (rng.uniform(size=200) < 1 / (1 + np.exp(-z))).astype(float)
    return x, y


def test_folded_weights_score_as_the_fit_on_standardised_features():
    x, y = _examples()
    weights, bias = fit_weights(x, y, STANDARD)
    scaled = (x - x.mean(axis=0)) / x.std(axis=0)
    w_scaled, b_scaled = _newton(scaled, y, STANDARD.l2)
    assert np.allclose(x @ weights + bias, scaled @ w_scaled + b_scaled)


def test_standardised_fit_does_not_depend_on_a_features_units():
    x, y = _examples()
    in_percent = x.copy()
    in_percent[:, 1] *= 100  # the gap in hundredths instead of units
    for recipe, same in ((STANDARD, True), (PLAIN, False)):
        w, b = fit_weights(x, y, recipe)
        w100, b100 = fit_weights(in_percent, y, recipe)
        assert np.allclose(x @ w + b, in_percent @ w100 + b100, atol=1e-6) is same


def test_a_constant_feature_gets_no_weight_and_breaks_nothing():
    x, y = _examples()
    with_constant = np.column_stack([x, np.ones(len(x))])
    weights, bias = fit_weights(with_constant, y, STANDARD)
    assert np.isfinite(weights).all() and np.isfinite(bias)
    assert abs(weights[-1]) < 1e-9
