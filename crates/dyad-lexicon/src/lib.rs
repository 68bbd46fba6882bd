//! Dictionaries of actors, agents, verbs and issues: dyad's own (under
//! `dictionaries/`) and readers for PETRARCH/TABARI-format ones.
