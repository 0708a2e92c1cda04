"""Trace stage, after measure: within each event, who carries whose text (the flow) and the N-way
table of passages across its articles (the collation), both read from the compared pairs."""
