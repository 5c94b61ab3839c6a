#!/usr/bin/env python3
"""Reference values of the BG/NBD and Pareto/NBD expectations and P(alive), for BtydBoundaryTest.

Run from the repository root (needs mpmath; written with mpmath 1.3.0, takes about half a minute):

    python3 analytics-core/src/test/resources/clv/btyd_reference.py

It rewrites btyd_reference.csv next to this script. Each row is one quantity of one model at one grid point:

    case, model, quantity, p1, p2, p3, p4, t, x, tx, T, value

(case is a label of the parameter set, without commas, so that the file splits on commas.)

model bgnbd: p1..p4 = r, alpha, a, b; model paretonbd: p1..p4 = r, alpha, s, beta. quantity is
p_alive (P(alive | x, tx, T)), conditional (E[X(T, T+t) | x, tx, T]) or unconditional (E[X(t)] of a new
customer; x, tx and T are then 0). Parameters and times are written as Python floats (repr), so the Java side reads
the same binary doubles that the reference used; value is the reference rounded to 20 significant digits.

Method: the closed forms of the papers, evaluated with mpmath at 50 significant digits (mp.dps = 50).
  BG/NBD (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way"):
    P(alive) = 1 / (1 + [x > 0] a / (b+x-1) ((alpha+T) / (alpha+tx))^(r+x))
    E[X(t)|x,tx,T] = (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] P(alive)
    E[X(t)] = (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]
  mpmath.hyp2f1 continues 2F1 analytically to c = a+b+x-1 < 0. Where the closed form is 0/0 (a = 1, or
  a+b+x-1 = 0 exactly) it is the limit, taken as the mean of the closed form at the parameter +- 1e-30.
  Pareto/NBD (Schmittlein, Morrison and Colombo 1987; Fader and Hardie, "A Note on Deriving the Pareto/NBD Model
  and Related Expressions", 2005):
    A0 = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+tx)) / (alpha+tx)^(r+s+x) - (the same at T)
    (one branch for every alpha, beta: mpmath continues 2F1 to z < -1, where the Java code uses the note's other
    branch)
    P(alive) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0)
    E[X(t)|x,tx,T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive)
    E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]
  with the s = 1 limits (r+x)(beta+T)/(alpha+T) ln(1 + t/(beta+T)) and r beta/alpha ln(1 + t/beta).

Every value is also checked, before it is written, against a second derivation by numerical integration
(mpmath.quad at 30 digits), which shares nothing with the closed forms: the BG/NBD expectations over P(alive) as
E_{p ~ Beta(a, b+x)}[(1 - (1 + p t/(alpha+T))^-(r+x)) / p] (Poisson purchases at rate lambda ~ Gamma(r+x, alpha+T)
until the dropout coin, averaged over the posterior of p), and the Pareto/NBD A0 as (r+s+x) times the integral from
tx to T of (alpha+y)^-(r+x) (beta+y)^-(s+1) dy (dying at y). The script fails if the two disagree by more than
1e-15 relatively.

Grid: interior points (the CDNOW fits), a + b + x - 1 <= 0, a -> 0 (1e-6, 1e-9), b -> 0 (2.58e-7, the issue's
fit), a = 1 and a = 1 +- 1e-7, a + b = 1, s -> 0, r -> 0, s = 1 and s = 1 +- 1e-9, alpha << beta (down to
alpha/beta = 1e-5) and alpha >> beta, many purchases (x = 200), x = 0 and x > 0 (x = 1 with tx < T and tx = T), and
t/(alpha+T+t) up to 1 - 4.4e-5.
"""

import csv
import os
import sys

from mpmath import mp, mpf, hyp2f1, log, log1p, expm1, quad, loggamma, exp

mp.dps = 50
LIMIT_STEP = mpf("1e-30")
CHECK_TOLERANCE = mpf("1e-15")

BGNBD = [
    ("cdnow", 0.242593, 4.413532, 0.792886, 2.425752),
    ("issue fit: a and b -> 0", 0.387, 6.2, 4.2e-8, 2.58e-7),
    ("a -> 0 (1e-6) and a + b < 1", 0.25, 4.4, 1e-6, 0.6),
    ("a -> 0 (1e-9)", 0.25, 4.4, 1e-9, 2.4),
    ("b -> 0 and a + b < 1", 0.25, 4.4, 0.39, 2.58e-7),
    ("b -> 0 and a > 1", 0.25, 4.4, 1.7, 2.58e-7),
    ("a and b -> 0 (1e-9)", 0.8, 2.0, 1e-9, 1e-9),
    ("a + b < 1", 0.3, 4.4, 0.3, 0.2),
    ("a + b = 1", 0.3, 4.4, 0.25, 0.75),
    ("a = 1 - 1e-7", 0.24, 4.4, 1 - 1e-7, 2.4),
    ("a = 1", 0.24, 4.4, 1.0, 2.4),
    ("a = 1 + 1e-7", 0.24, 4.4, 1 + 1e-7, 2.4),
    ("a = 1 + 1e-7 and b -> 0", 0.24, 4.4, 1 + 1e-7, 2.58e-7),
    ("a > 1", 2.0, 1.5, 3.5, 0.4),
    ("large r", 25.0, 30.0, 0.5, 8.0),
]

PARETO = [
    ("cdnow", 0.553, 10.578, 0.606, 11.669),
    ("s -> 0 (1e-6)", 0.55, 10.5, 1e-6, 11.7),
    ("s -> 0 (1e-9) and large beta", 0.55, 10.5, 1e-9, 1000.0),
    ("r -> 0 (1e-6)", 1e-6, 10.5, 0.6, 11.7),
    ("r and s -> 0", 1e-6, 10.5, 1e-6, 11.7),
    ("s = 1", 0.55, 10.5, 1.0, 11.7),
    ("s = 1 - 1e-9", 0.55, 10.5, 1 - 1e-9, 11.7),
    ("s = 1 + 1e-9", 0.55, 10.5, 1 + 1e-9, 11.7),
    ("alpha << beta", 0.5, 0.01, 0.7, 100.0),
    ("alpha >> beta", 0.5, 100.0, 0.7, 0.01),
    ("alpha / beta = 1e-5", 0.5, 1.0, 0.7, 1e5),
    ("alpha = beta", 0.5, 10.0, 0.7, 10.0),
    ("large r and s", 20.0, 25.0, 3.0, 8.0),
]

# (x, tx, T) of the conditional quantities
CUSTOMERS = [(0, 0.0, 0.0), (0, 0.0, 38.86), (1, 5.0, 40.0), (1, 40.0, 40.0), (2, 30.43, 38.86),
             (10, 35.0, 39.0), (200, 70.0, 78.0)]
HORIZONS = [0.5, 39.0, 520.0, 1e4, 1e5]


def symmetric_limit(f, value):
    """Mean of f at value +- 1e-30: the limit of an analytic f at a removable singularity, to ~1e-30."""
    return (f(value + LIMIT_STEP) + f(value - LIMIT_STEP)) / 2


def bg_palive(r, alpha, a, b, x, tx, T):
    if x == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def bg_bracket(r, alpha, a, b, x, T, t):
    """(a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]."""
    def closed(a, b):
        c = a + b + x - 1
        z = t / (alpha + T + t)
        return c / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, c, z))
    if a == 1:
        return symmetric_limit(lambda v: closed(v, b), a)
    if a + b + x - 1 == 0:
        return symmetric_limit(lambda v: closed(a, v), b)
    return closed(a, b)


def bg_bracket_integral(r, alpha, a, b, x, T, t):
    """E_{p ~ Beta(a, b+x)}[g(p)], g(p) = (1 - (1 + p u)^-(r+x)) / p, u = t/(alpha+T), by quadrature.

    g is split into g(0) (1-p) + g(1) p + rest(p), rest(0) = rest(1) = 0, so that the Beta weight's endpoint
    singularities (a or b+x near 0) multiply a function that vanishes there."""
    s = r + x
    B = b + x
    u = t / (alpha + T)
    g0 = s * u
    g1 = 1 - (1 + u) ** -s

    def g(p):
        return g0 if p == 0 else -expm1(-s * log1p(p * u)) / p

    log_beta = loggamma(a) + loggamma(B) - loggamma(a + B)

    def integrand(p):
        rest = g(p) - g0 * (1 - p) - g1 * p
        return rest * exp((a - 1) * log(p) + (B - 1) * log1p(-p) - log_beta)

    points = sorted({mpf(0), min(mpf(1) / 2, 1 / u), mpf(1) / 2, mpf(1)})
    return g0 * B / (a + B) + g1 * a / (a + B) + quad(integrand, points)


def pareto_a0(r, alpha, s, beta, x, tx, T):
    rsx = r + s + x
    return (hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx)) / (alpha + tx) ** rsx
            - hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + T)) / (alpha + T) ** rsx)


def pareto_palive_integral(r, alpha, s, beta, x, tx, T):
    """P(alive) = 1 / (1 + s/(beta+T) integral_tx^T ((alpha+T)/(alpha+y))^(r+x) ((beta+T)/(beta+y))^(s+1) dy),
    the integrand scaled to be >= 1 so that quad's tolerance is relative."""
    if tx == T:
        return mpf(1)
    integral = quad(lambda y: ((alpha + T) / (alpha + y)) ** (r + x) * ((beta + T) / (beta + y)) ** (s + 1), [tx, T])
    return 1 / (1 + s / (beta + T) * integral)


def pareto_palive_from(a0, r, alpha, s, beta, x, T):
    return 1 / (1 + s / (r + s + x) * (alpha + T) ** (r + x) * (beta + T) ** s * a0)


def pareto_power(s, scale, t):
    """(1 - (scale/(scale+t))^(s-1)) / (s-1), and its s = 1 limit ln(1 + t/scale)."""
    if s == 1:
        return log1p(t / scale)
    return (1 - (scale / (scale + t)) ** (s - 1)) / (s - 1)


def check(case, what, value, independent):
    with mp.workdps(30):
        if abs(value - independent) > CHECK_TOLERANCE * abs(value):
            sys.exit(f"{case} {what}: closed form {mp.nstr(value, 20)} != integral {mp.nstr(independent, 20)}")


def bgnbd_rows():
    for case, *params in BGNBD:
        r, alpha, a, b = (mpf(p) for p in params)
        for t in HORIZONS:
            value = bg_bracket(r, alpha, a, b, 0, 0, mpf(t))
            with mp.workdps(30):
                check(case, f"E[X({t})]", value, bg_bracket_integral(r, alpha, a, b, 0, 0, mpf(t)))
            yield case, "bgnbd", "unconditional", params, t, 0, 0.0, 0.0, value
        for x, tx, T in CUSTOMERS:
            p_alive = bg_palive(r, alpha, a, b, x, mpf(tx), mpf(T))
            yield case, "bgnbd", "p_alive", params, 0.0, x, tx, T, p_alive
            for t in HORIZONS:
                bracket = bg_bracket(r, alpha, a, b, x, mpf(T), mpf(t))
                with mp.workdps(30):
                    check(case, f"E[X({t}) | {x}, {tx}, {T}]", bracket,
                          bg_bracket_integral(r, alpha, a, b, x, mpf(T), mpf(t)))
                yield case, "bgnbd", "conditional", params, t, x, tx, T, bracket * p_alive


def pareto_rows():
    for case, *params in PARETO:
        r, alpha, s, beta = (mpf(p) for p in params)
        for t in HORIZONS:
            value = r * beta / alpha * pareto_power(s, beta, mpf(t))
            yield case, "paretonbd", "unconditional", params, t, 0, 0.0, 0.0, value
        for x, tx, T in CUSTOMERS:
            a0 = pareto_a0(r, alpha, s, beta, x, mpf(tx), mpf(T))
            p_alive = pareto_palive_from(a0, r, alpha, s, beta, x, mpf(T))
            with mp.workdps(30):
                check(case, f"P(alive | {x}, {tx}, {T})", p_alive,
                      pareto_palive_integral(r, alpha, s, beta, x, mpf(tx), mpf(T)))
            yield case, "paretonbd", "p_alive", params, 0.0, x, tx, T, p_alive
            for t in HORIZONS:
                value = (r + x) * (beta + T) / (alpha + T) * pareto_power(s, beta + T, mpf(t)) * p_alive
                yield case, "paretonbd", "conditional", params, t, x, tx, T, value


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "btyd_reference.csv")
    with open(out, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["case", "model", "quantity", "p1", "p2", "p3", "p4", "t", "x", "tx", "T", "value"])
        rows = 0
        for rows_of in (bgnbd_rows, pareto_rows):
            for case, model, quantity, params, t, x, tx, T, value in rows_of():
                writer.writerow([case, model, quantity, *(repr(float(p)) for p in params), repr(float(t)), x,
                                 repr(float(tx)), repr(float(T)), mp.nstr(value, 20)])
                rows += 1
    print(f"wrote {rows} rows to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
