"""Technology supply and demand matching and open patent licensing (供需对接与专利开放许可, issue 17)."""
