"""Patent navigation (专利导航, GB/T 39551-2020): an industry's technology decomposition
(:mod:`.definition`) and the landscape computed over a patent dataset (:mod:`.landscape`)."""
