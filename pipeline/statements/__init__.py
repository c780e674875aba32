"""Documents read as statements (a package insert, a prose guideline): sentences with their
indication, regimens, thresholds and kind, in the article's records."""
