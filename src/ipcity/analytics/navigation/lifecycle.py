"""Technology life cycle: applicants and filings per year, and a logistic fit of cumulative filings.

The model is C(t) = K / (1 + exp(-rate · (t − midpoint))), fitted by least squares to the
cumulative filings of the years that are fully published: a year counts only when it ended at
least 18 months before the data date (applications are published up to 18 months after filing,
so the latest years are incomplete). Numpy only: for each (midpoint, rate) on a grid K has a
closed form (the model is linear in K), the best grid point is refined by Gauss–Newton steps.
The fit is reported only with at least ``MIN_YEARS`` complete years, and only with enough
filings: ``MIN_FILINGS`` in those years, in at least ``MIN_FILING_YEARS`` distinct years (four
filings over 27 years are four steps, not a curve). A stage is named only when the fit explains
the data (R² ≥ ``MIN_R2``) and its midpoint lies near the data's years (no further beyond them
than ``MIDPOINT_REACH`` of their span): a midpoint far outside means the data shows no bend of
the curve, and the saturation K, hence the share reached, is an extrapolation. ``no_stage`` says
which rule held back the stage ("few_years", "few_filings", "poor_fit", "midpoint_outside").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np

MIN_YEARS = 8
MIN_FILINGS = 30  # in the complete years: fewer make a staircase the logistic can bend to any shape
MIN_FILING_YEARS = 5  # distinct complete years with a filing
MIN_R2 = 0.9  # a cumulative series is smooth; a logistic that fits it worse does not describe it
MIDPOINT_REACH = 0.5  # of the fitted span, beyond its first or last year
PUBLICATION_LAG_MONTHS = 18


def complete_through(data_date: dt.date) -> int:
    """The last year whose filings are all published by ``data_date`` (ended ≥ 18 months before)."""
    month_index = data_date.year * 12 + data_date.month - 1 - PUBLICATION_LAG_MONTHS
    year, month = divmod(month_index, 12)
    cutoff = dt.date(year, month + 1, min(data_date.day, 28))
    # a year Y is complete when Y-12-31 ≤ cutoff
    return cutoff.year if (cutoff.month, cutoff.day) == (12, 31) else cutoff.year - 1


def _k_for(t: np.ndarray, c: np.ndarray, mid: float, rate: float) -> tuple[float, float]:
    f = 1.0 / (1.0 + np.exp(-rate * (t - mid)))
    denom = float(f @ f)
    k = float(f @ c) / denom if denom > 0 else 0.0
    return k, float(((c - k * f) ** 2).sum())


def fit_logistic(years: np.ndarray, cumulative: np.ndarray) -> dict | None:
    """{"K", "midpoint", "rate", "r2"} of the least-squares logistic, or None when it cannot be fitted."""
    t = np.asarray(years, dtype=float)
    c = np.asarray(cumulative, dtype=float)
    if len(t) < 3 or c[-1] <= 0:
        return None
    best = None
    for mid in np.linspace(t[0] - 10, t[-1] + 25, 141):
        for rate in np.geomspace(0.05, 3.0, 60):
            k, sse = _k_for(t, c, mid, rate)
            if k > 0 and (best is None or sse < best[3]):
                best = (k, mid, rate, sse)
    if best is None:
        return None
    params = np.array(best[:3])
    for _ in range(100):  # Gauss–Newton with step halving
        k, mid, rate = params
        e = np.exp(-rate * (t - mid))
        f = 1.0 / (1.0 + e)
        resid = c - k * f
        d_k = f
        d_mid = -k * f * f * e * rate
        d_rate = k * f * f * e * (t - mid)
        jac = np.column_stack([d_k, d_mid, d_rate])
        step, *_ = np.linalg.lstsq(jac, resid, rcond=None)
        sse = float(resid @ resid)
        scale = 1.0
        while scale > 1e-4:
            trial = params + scale * step
            if trial[0] > 0 and trial[2] > 0:
                tk, tm, tr = trial
                tsse = float(((c - tk / (1.0 + np.exp(-tr * (t - tm)))) ** 2).sum())
                if tsse < sse:
                    params = trial
                    break
            scale /= 2
        else:
            break
        if np.abs(scale * step).max() < 1e-9:
            break
    k, mid, rate = (float(x) for x in params)
    fitted = k / (1.0 + np.exp(-rate * (t - mid)))
    total = float(((c - c.mean()) ** 2).sum())
    r2 = 1.0 - float(((c - fitted) ** 2).sum()) / total if total > 0 else 1.0
    return {"K": k, "midpoint": mid, "rate": rate, "r2": r2}


def stage(cumulative_last: float, k: float) -> str:
    """emerging (< 10 % of K), growth (10–90 %), maturity (≥ 90 %): the share of saturation reached."""
    share = cumulative_last / k if k > 0 else 0.0
    if share < 0.10:
        return "emerging"
    if share < 0.90:
        return "growth"
    return "maturity"


def life_cycle(filings: Mapping[int, int], applicants: Mapping[int, int], data_date: dt.date | None) -> dict:
    """Per-year applicants and filings, and the fit over the fully published years."""
    years = sorted(set(filings) | set(applicants))
    per_year = [{"year": y, "filings": int(filings.get(y, 0)), "applicants": int(applicants.get(y, 0))} for y in years]
    last_complete = complete_through(data_date) if data_date else (years[-1] if years else None)
    out: dict = {
        "per_year": per_year,
        "data_date": data_date.isoformat() if data_date else None,
        "complete_through": last_complete,
        "caveat": (f"filings of the last {PUBLICATION_LAG_MONTHS} months before the data date are not yet all "
                   f"published; years after {last_complete} are left out of the fit"),
        "fit": None,
        "stage": None,
    }
    if not years or last_complete is None:
        out["reason"] = "no filings"
        return out
    fit_years = np.arange(years[0], last_complete + 1)
    if len(fit_years) < MIN_YEARS:
        out["reason"] = f"{len(fit_years)} complete years of data; a fit needs at least {MIN_YEARS}"
        out["no_stage"] = "few_years"
        return out
    counts = [filings.get(int(y), 0) for y in fit_years]
    total, with_filings = int(sum(counts)), sum(1 for c in counts if c)
    if total < MIN_FILINGS or with_filings < MIN_FILING_YEARS:
        out["reason"] = (f"{total} filings in {with_filings} of the complete years; a fit needs at least "
                         f"{MIN_FILINGS} filings in {MIN_FILING_YEARS} years")
        out["no_stage"] = "few_filings"
        out["filings_fitted"], out["years_with_filings"] = total, with_filings
        return out
    cumulative = np.cumsum(counts)
    fit = fit_logistic(fit_years, cumulative)
    if fit is None:
        out["reason"] = "the logistic model could not be fitted"
        return out
    fit["years"] = [int(fit_years[0]), int(fit_years[-1])]
    out["fit"] = fit
    reach = MIDPOINT_REACH * (len(fit_years) - 1)
    if fit["r2"] < MIN_R2:
        out["reason"] = f"the fit explains too little (R² {fit['r2']:.3f} < {MIN_R2}); no stage is named"
        out["no_stage"] = "poor_fit"
    elif not fit_years[0] - reach <= fit["midpoint"] <= fit_years[-1] + reach:
        out["reason"] = (f"the fitted midpoint {fit['midpoint']:.1f} lies far outside the years "
                         f"{fit['years'][0]}–{fit['years'][1]}; K is an extrapolation and no stage is named")
        out["no_stage"] = "midpoint_outside"
    else:
        out["stage"] = stage(float(cumulative[-1]), fit["K"])
    return out
