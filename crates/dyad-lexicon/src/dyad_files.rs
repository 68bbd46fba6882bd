// dyad's dictionary files in load order: the value of `DYAD_FILES`
// (src/lexicon.rs, documented there), also included by build.rs, which embeds
// the files in this order. One expression, so that the two cannot drift apart.
&[
    "actors/countries.txt",
    "actors/organisations.txt",
    "actors/armed_groups.txt",
    "actors/people.generated.txt",
    "actors/people.txt",
    "agents.txt",
    "verbs.txt",
    "issues.txt",
    "discards.txt",
]
