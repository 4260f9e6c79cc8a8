"""Other communities' people files (CSV, GTN, OLS, all-contributors) as members."""
