"""The first start: who the rep is and where the collateral lives."""
