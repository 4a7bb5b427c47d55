"""How the engine writes a number into a formula or a readout."""
from engine.events import fmt, fmt_factor


def test_fixed_decimals_and_no_negative_zero():
    assert fmt(0.5) == "0.5000" and fmt(-0.00001) == "0.0000" and fmt(2, 2) == "2.00"
    assert fmt_factor(-2) == "(-2.0000)"


def test_a_number_that_blew_up_is_written_in_powers_of_ten():
    assert fmt(5.76460752303423488e25) == "5.7646e+25" and fmt(-242569226.2254e3) == "-2.4257e+11"
    assert fmt(999_999_999.0) == "999999999.0000"        # below 10⁹: as before
