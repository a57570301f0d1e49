"""Random draws that give the same numbers in CPython and in Pyodide.

Only ``random.Random`` methods built on the Mersenne Twister and plain arithmetic are used:
no ``gauss``, ``expovariate`` or ``math.log``/``exp``/``cos``, because those go through the
platform's maths library, whose last bits can differ between a desktop and WebAssembly.
"""

from __future__ import annotations

import random

_MASK64 = (1 << 64) - 1
_SQRT3 = 1.7320508075688772  # sqrt(3): makes a sum of four uniforms (variance 1/3) unit variance


def bell(rng: random.Random) -> float:
    """A bell-shaped draw with mean 0 and standard deviation 1, bounded to about +-3.46.

    The sum of four uniforms (Irwin-Hall) is close to normal and needs no logarithms.
    """
    return (rng.random() + rng.random() + rng.random() + rng.random() - 2.0) * _SQRT3


def clamp(value: float, low: float, high: float) -> float:
    """``value`` held inside [low, high]."""
    return low if value < low else high if value > high else value


def mix(*numbers: int) -> int:
    """A 64-bit hash of whole numbers (splitmix64 steps); the same on every platform."""
    state = 0x9E3779B97F4A7C15
    for number in numbers:
        state = (state ^ (number & _MASK64)) & _MASK64
        state = (state + 0x9E3779B97F4A7C15) & _MASK64
        state = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        state = ((state ^ (state >> 27)) * 0x94D049BB133111EB) & _MASK64
        state ^= state >> 31
    return state


def hashed_uniform(*numbers: int) -> float:
    """A uniform number in [0, 1) fixed by ``numbers``, drawn without touching any generator."""
    return (mix(*numbers) >> 11) / 9007199254740992.0


def derived_rng(*numbers: int) -> random.Random:
    """A fresh generator seeded from ``numbers``; for details drawn on demand, such as item answers."""
    return random.Random(mix(*numbers))
