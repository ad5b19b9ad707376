r"""Units of the model's quantities, from a scenario's (or parameter file's) ``[scenario]`` table.

The model fixes how each quantity is measured; a scenario names the money and the goods
(``money_unit = "yuan"``, ``quantity_unit = "toys"`` in ``chenghai.toml``):

==========================================  ======================================
quantity                                    unit
==========================================  ======================================
``n``, ``n_min``                            product categories (always)
``F``, payoffs, investment gap              money (``yuan``)
``alpha``, ``Q_bar``                        goods (``toys``)
``beta``                                    goods per money (``toys/yuan``)
``c``, ``c_A``                              money per good (``yuan/toy``)
``omega``, ``W``, ``k``, ``delta``          none: rates are fractions of ``c``
==========================================  ======================================

Examples
--------
>>> u = Units("yuan", "toys")
>>> u.of("beta"), u.of("c_A"), u.of("Q_bar"), u.of("omega")
('toys/yuan', 'yuan/toy', 'toys', '')
>>> u.show("6e+07", "F"), Units().show("6e+07", "F"), Units().show("26.4", "n_min")
('6e+07 yuan', '6e+07', '26.4 categories')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Units", "per"]

#: Quantity -> what it is measured in: "money", "quantity", or a fixed unit.
_KIND = {
    "n": "categories",
    "n_min": "categories",
    "F": "money",
    "payoff": "money",
    "investment_gap": "money",
    "alpha": "quantity",
    "Q_bar": "quantity",
    "beta": "quantity/money",
    "c": "money/quantity",
    "c_A": "money/quantity",
}


def per(quantity_unit: str) -> str:
    """The singular of a plural unit (``toys`` -> ``toy``), for "yuan per toy".

    >>> per("toys"), per("kg")
    ('toy', 'kg')
    """
    return quantity_unit[:-1] if len(quantity_unit) > 3 and quantity_unit.endswith("s") else quantity_unit


@dataclass(frozen=True)
class Units:
    """The money and goods units of a parameter set (``None``: not declared, nothing is printed)."""

    money: str | None = None
    quantity: str | None = None

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any] | None) -> Units:
        """From the tables a parameter file or scenario carries besides its parameters (``[scenario]``).

        >>> Units.from_extra({"scenario": {"money_unit": "yuan", "quantity_unit": " "}})
        Units(money='yuan', quantity=None)
        """
        table = (extra or {}).get("scenario", {})
        table = table if isinstance(table, Mapping) else {}
        found = [table.get(key) for key in ("money_unit", "quantity_unit")]
        return cls(*(v.strip() if isinstance(v, str) and v.strip() else None for v in found))

    @property
    def declared(self) -> bool:
        """Whether the money or the goods unit is known."""
        return bool(self.money or self.quantity)

    def as_kwargs(self) -> dict[str, str | None]:
        """``money_unit`` and ``quantity_unit`` keywords, as the figures take them."""
        return {"money_unit": self.money, "quantity_unit": self.quantity}

    def of(self, name: str) -> str:
        """The unit of quantity ``name`` (see the module docstring); ``""`` if none or not declared."""
        kind = _KIND.get(name, "")
        money, quantity = self.money or "", self.quantity or ""
        if kind == "money":
            return money
        if kind == "quantity":
            return quantity
        if kind == "quantity/money":
            return f"{quantity}/{money}" if money and quantity else ""
        if kind == "money/quantity":
            return f"{money}/{per(quantity)}" if money and quantity else money
        return kind

    def show(self, value: str, name: str) -> str:
        """``value`` followed by the unit of ``name``, if it has one."""
        unit = self.of(name)
        return f"{value} {unit}" if unit else value

    def parameters(self, values: Mapping[str, float]) -> str:
        """A parameter set on one line with its units, e.g. ``n = 200 categories, F = 6e+07 yuan, ...``.

        >>> Units("yuan", "toys").parameters({"n": 200.0, "c": 20.0})
        'n = 200 categories, c = 20 yuan/toy'
        """
        return ", ".join(f"{name} = {self.show(f'{v:g}', name)}" for name, v in values.items())
