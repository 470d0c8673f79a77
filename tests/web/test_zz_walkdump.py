from tests.web.test_walkthrough import *  # noqa
from tests.web.test_walkthrough import _pattern
import collections
def test_dump(crawls):
    for u, c in crawls.items():
        print("==", u, len(c.visited), collections.Counter(c.visited.values()), c.downloads)
        pats = collections.Counter(_pattern(x) for x in c.visited)
        print(sorted(pats.items()))
