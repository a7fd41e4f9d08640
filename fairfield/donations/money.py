"""Money as integer cents: parsing what donors type, formatting, and the card processing fee.

Amounts are stored as integer cents and shown as Decimal; no float ever touches them.
"""

import re
from decimal import ROUND_CEILING, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CURRENCY_SYMBOLS = {"USD": "$", "CAD": "$", "AUD": "$", "EUR": "€", "GBP": "£"}
CURRENCY_CHOICES = [
    ("USD", _("US dollar (USD)")),
    ("CAD", _("Canadian dollar (CAD)")),
    ("AUD", _("Australian dollar (AUD)")),
    ("EUR", _("Euro (EUR)")),
    ("GBP", _("Pound sterling (GBP)")),
]

# Optional symbol, digits with optional thousands commas, optional point and cents.
_AMOUNT = re.compile(r"^(?P<units>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<cents>\d+))?$")
_OTHER_SYMBOLS = "$€£¥₹₩"

ENTER_DIGITS = _("Enter the amount in digits, for example 20 or 20.50.")
TOO_MANY_DECIMALS = _("Use at most two decimal places, for example 20.50.")
NOT_POSITIVE = _("The amount must be more than zero.")
NEGATIVE = _("The amount cannot be negative.")
OTHER_FORMAT = _("Write the amount with a point before the cents, for example 20.50, in {currency}.")


def cents_to_decimal(cents: int) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


def money_format(cents: int, currency: str) -> str:
    """ "$1,020.50" for USD; the code after the number where no symbol is known."""
    amount = f"{cents_to_decimal(abs(cents)):,.2f}"
    sign = "-" if cents < 0 else ""
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {currency}"


def amount_parse(text: str, *, currency: str) -> int:
    """The cents a donor meant by what they typed, or a ValidationError that says what to fix."""
    value = (text or "").strip()
    symbol = CURRENCY_SYMBOLS.get(currency, "")
    if symbol and value.startswith(symbol):
        value = value[len(symbol) :].strip()
    value = value.removesuffix(currency).strip()
    if not value:
        raise ValidationError(ENTER_DIGITS, code="empty")
    if value.startswith("-"):
        raise ValidationError(NEGATIVE, code="negative")
    if value[0] in _OTHER_SYMBOLS or re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{1,2}", value):
        raise ValidationError(OTHER_FORMAT.format(currency=currency), code="format")
    match = _AMOUNT.match(value)
    if match is None:
        raise ValidationError(ENTER_DIGITS, code="invalid")
    cents_text = match["cents"] or ""
    if len(cents_text) > 2:
        raise ValidationError(TOO_MANY_DECIMALS, code="decimals")
    units = int(match["units"].replace(",", ""))
    if len(match["units"]) > 12:
        raise ValidationError(ENTER_DIGITS, code="huge")
    cents = units * 100 + int(cents_text.ljust(2, "0"))
    if cents <= 0:
        raise ValidationError(NOT_POSITIVE, code="zero")
    return cents


def processing_fee(cents: int, *, percent: Decimal, fixed_cents: int) -> int:
    """What to add so that, after the card processor's percentage and fixed fee, we receive the whole gift."""
    if cents <= 0:
        return 0
    rate = Decimal(percent) / 100
    gross = ((Decimal(cents) + fixed_cents) / (1 - rate)).to_integral_value(rounding=ROUND_CEILING)
    return int(gross) - cents
