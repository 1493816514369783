"""Dates: one vocabulary and one set of rules for every date kb reads.

vocabulary.py  month, weekday, season and number words; the day-first rule for "03-04-2025"
calendar.py    spans: a day, a month (or a third of it), a season, a week; plausible years
atoms.py       a matched phrase as a date range plus the characters it covers
grammar.py     the phrases understood in questions, one rule each
questions.py   find_dates / strip_dates: a question's date range, and the question without it
documents.py   dates in file names, headings and front matter
"""
