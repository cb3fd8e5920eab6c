"""Sharing a cost between members to the penny: the largest-remainder (Hamilton) method.

Pure arithmetic, no Django: each member's exact quota is total × weight / Σweight (a Fraction);
everyone gets the whole pence of their quota, and the pence left over go one each to the largest
fractional remainders. Ties are broken by the larger weight, then the smaller key, so

- the shares always add up exactly to the total;
- every share is its quota rounded down or up (within a penny of the exact proportion);
- the same members and weights in any order give the same shares;
- a member with zero weight gets nothing and is never handed a leftover penny.

Libraries' `allocate` functions hand leftover pence out by position in the list instead (see
FINANCE.md), so the first-listed school would keep winning them; hence these lines of our own.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction

# NOTE: stored with every calculation. Change it only with a new name, so a statement years
# later can say which rule produced its shares.
ALGORITHM = "largest-remainder/1"


class SharingError(ValueError):
    """The inputs cannot be shared (no weight at all, a negative weight)."""


def _exact(weight) -> Fraction:
    if isinstance(weight, float):
        raise SharingError("Weights must be exact (int, Decimal or Fraction), not float.")
    value = Fraction(Decimal(weight)) if isinstance(weight, Decimal) else Fraction(weight)
    if value < 0:
        raise SharingError("A weight cannot be negative.")
    return value


def quotas(total_pence: int, weights: Mapping[Hashable, object]) -> dict[Hashable, Fraction]:
    """Each member's exact, unrounded share of the total."""
    exact = {key: _exact(weight) for key, weight in weights.items()}
    whole = sum(exact.values(), Fraction(0))
    if whole == 0:
        raise SharingError("The weights add up to zero: there is nothing to share by.")
    return {key: Fraction(total_pence) * weight / whole for key, weight in exact.items()}


def _integer_weights(weights: Mapping[Hashable, object]) -> dict[Hashable, int]:
    """The same proportions as whole numbers (decimal budgets scaled by their common denominator)."""
    exact = {key: _exact(weight) for key, weight in weights.items()}
    scale = math.lcm(*(value.denominator for value in exact.values())) if exact else 1
    return {key: value.numerator * (scale // value.denominator) for key, value in exact.items()}


def apportion(total_pence: int, weights: Mapping[Hashable, object]) -> dict[Hashable, int]:
    """Share `total_pence` in proportion to `weights`; keys must be mutually comparable (the tie-break)."""
    if not isinstance(total_pence, int):
        raise SharingError("The total must be whole pence.")
    if total_pence < 0:  # a credit is the same split, the other way
        return {key: -share for key, share in apportion(-total_pence, weights).items()}
    whole = _integer_weights(weights)
    denominator = sum(whole.values())
    if denominator == 0:
        raise SharingError("The weights add up to zero: there is nothing to share by.")
    # Integer arithmetic throughout: quota = total × w / Σw as a whole part and a remainder over Σw,
    # so remainders compare exactly without fractions.
    shares, remainders = {}, {}
    for key, weight in whole.items():
        shares[key], remainders[key] = divmod(total_pence * weight, denominator)
    leftover = total_pence - sum(shares.values())
    # Members with weight get the leftover pence; a zero weight has a zero remainder and is last.
    order = sorted((key for key, weight in whole.items() if weight > 0),
                   key=lambda key: (-remainders[key], -whole[key], key))
    for key in order[:leftover]:
        shares[key] += 1
    return shares
