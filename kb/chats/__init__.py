"""Conversations: follow-up questions that know what came before, and a history that stays yours.

    conversation.py  the records: a turn as stored, a conversation as listed
    followup.py      pure: is a question a follow-up, and what does it carry over
    resolver.py      retrieval for a turn: the question alone or with the conversation
    markdown.py      a conversation as Markdown, citations included

The history itself is stored by ``kb.store.history``.
"""
