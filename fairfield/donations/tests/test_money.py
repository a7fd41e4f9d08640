from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fairfield.donations.money import amount_parse, cents_to_decimal, money_format, processing_fee


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("20", 2000), ("20.5", 2050), ("20.50", 2050), (" $20.00 ", 2000), ("1,000", 100000), ("0.99", 99)],
)
def test_amounts_donors_type_become_cents(typed, cents):
    assert amount_parse(typed, currency="USD") == cents


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("0", "zero"),
        ("0.00", "zero"),
        ("-5", "negative"),
        ("1e9", "invalid"),
        ("NaN", "invalid"),
        ("Infinity", "invalid"),
        ("20.555", "decimals"),
        ("twenty", "invalid"),
        ("20,50", "format"),
        ("1.000,50", "format"),
        ("€20", "format"),
        ("9" * 40, "huge"),
        ("20\x00", "invalid"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as error:
        amount_parse(typed, currency="USD")
    assert error.value.code == code


def test_money_is_decimal_from_cents_and_formatted_per_currency():
    assert cents_to_decimal(2050) == Decimal("20.50")
    assert money_format(2000, "USD") == "$20.00"
    assert money_format(123456, "EUR") == "€1,234.56"
    assert money_format(-500, "GBP") == "-£5.00"


def test_the_fee_covers_the_processors_cut_so_the_whole_gift_arrives():
    fee = processing_fee(2000, percent=Decimal("2.9"), fixed_cents=30)
    total = 2000 + fee
    assert fee == 91
    # What the processor keeps from the total leaves at least the gift.
    kept = Decimal(total) * Decimal("0.029") + 30
    assert total - kept >= 2000
