//! The event ontology: CAMEO codes and names, Goldstein scores, QuadClass and
//! PentaClass, CAMEO actor and agent codes, and the mapping to PLOVER.
//!
//! # CAMEO event codes
//!
//! CAMEO (Conflict and Mediation Event Observations, version 1.1b3) sorts events into
//! 20 *roots* ("01" MAKE PUBLIC STATEMENT ... "20" USE UNCONVENTIONAL MASS VIOLENCE), each
//! split into three-digit categories ("190" Use conventional military force) and some into
//! four-digit subcategories ("1384" Threaten conventional attack). A code ending in "0"
//! at the third digit ("190") is the root's "not specified below" category. The codebook
//! here holds all 311 codes of GDELT's lookup table, each with:
//!
//! - its **name**. GDELT's table carries old labels for 101 and 105-108 that contradict
//!   their own subcategories; [`EventCode::name`] has the CAMEO 1.1b3 manual's name,
//!   [`EventCode::gdelt_name`] GDELT's label;
//! - its **Goldstein** value, the conflict-cooperation weight from -10 (military
//!   attack) to +10, as GDELT assigns it.
//!
//! # QuadClass and PentaClass
//!
//! Two coarse groupings of the roots, both decided by the root alone:
//!
//! | root | QuadClass (GDELT) | PentaClass (Phoenix) |
//! |---|---|---|
//! | 01-02 statements, appeals | 1 verbal cooperation | 0 neutral |
//! | 03-05 intent, consult, diplomatic cooperation | 1 verbal cooperation | 1 verbal cooperation |
//! | 06-08 material cooperation, aid, yield | 2 material cooperation | 2 material cooperation |
//! | 09 investigate | 2 material cooperation | 3 verbal conflict |
//! | 10-13 demand, disapprove, reject, threaten | 3 verbal conflict | 3 verbal conflict |
//! | 14 protest | 3 verbal conflict | 4 material conflict |
//! | 15-20 force posture ... mass violence | 4 material conflict | 4 material conflict |
//!
//! [`quad_class`] and [`penta_class`] compute them from any code or root.
//!
//! # PLOVER
//!
//! PLOVER (Political Language Ontology for Verifiable Event Records) replaces CAMEO's
//! numeric hierarchy with 16 event categories (AGREE, CONSULT, SUPPORT, COOPERATE, AID,
//! CONCEDE, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, MOBILIZE, SANCTION,
//! COERCE, ASSAULT) plus a *mode* (how: "visit", "release", "firearms") and a *context*
//! (what about: "economic", "military", "humanitarian"). The mapping follows the
//! CAMEO-to-PLOVER conversion table of the PLOVER manual (2021): roots 01 and 02 have no
//! PLOVER event (PLOVER drops statements and appeals); YIELD (08) splits into CONCEDE
//! (081-083) and RETREAT (084-087); investigations (09) and disapproval (11) become ACCUSE;
//! a few codes move across roots (163 impose embargo is COERCE, 1712 destroy property and
//! 175 violent repression are ASSAULT). Codes the table does not list take their root's
//! category without a mode. Where the table disagrees with the manual's own mode tables,
//! the manual wins (`PLOVER_FIXES` in `scripts/gen_ontology.py`): 116 find guilty is
//! SANCTION `convict`; 185/186 assassinations are ASSAULT `targeted`; 195 aerial weapons
//! `aerial`; 183 bombings `explosives`; 1712 `destroy`; refusals and demands to yield
//! (105, 124, 1241, 1242) `yield`; bans (132, 1321, 1322, 1722) `restrict`; modes the
//! manual dropped (`massacre`, `cleansing`, `ease`, `return`) are removed or replaced.
//! Every mode in the table is one [`plover_modes`] lists for its event. PLOVER's
//! *contexts* are kept as the table gives them ([`EventCode::plover_contexts`]).
//!
//! # Actor codes
//!
//! A CAMEO actor code is a chain of three-letter parts: a country or region
//! ([`Ontology::country`]: ISO 3166-1 alpha-3 plus CAMEO regions such as MEA or WST)
//! followed by actor types ([`Ontology::actor_type`]: GOV, MIL, REB, ...).
//!
//! ```
//! use dyad_ontology::{Ontology, QuadClass};
//! let cameo = Ontology::cameo();
//! let e = cameo.event("190").unwrap();
//! assert_eq!(e.goldstein, -10.0);
//! assert_eq!(e.quad_class, QuadClass::MaterialConflict);
//! assert_eq!(e.plover_event, Some("ASSAULT"));
//! assert_eq!(cameo.actor_type("GOV").unwrap().name, "Government");
//! let parts = cameo.split_actor_code("UKRGOVMIL").unwrap();
//! assert_eq!(parts.country, Some("UKR"));
//! assert_eq!(parts.parts, vec!["GOV", "MIL"]);
//! ```

mod actors;
mod events;

pub use actors::{ActorCodeParts, ActorType, ActorTypeKind, Country, CountryKind, ACTOR_TYPES};
pub use events::{penta_class, quad_class, EventCode, PentaClass, QuadClass};

use std::collections::HashMap;
use std::sync::OnceLock;

/// The PLOVER event categories, in the manual's order from cooperation to conflict.
pub const PLOVER_EVENTS: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
];

/// The PLOVER modes each event category allows, as the PLOVER manual's mode tables list
/// them; categories without a table (AGREE, SUPPORT, CONCEDE, COOPERATE, AID) take none.
pub const PLOVER_MODES: &[(&str, &[&str])] = &[
    (
        "CONSULT",
        &["visit", "third-party", "multilateral", "phone"],
    ),
    (
        "RETREAT",
        &[
            "withdraw",
            "release",
            "disarm",
            "ceasefire",
            "access",
            "resign",
        ],
    ),
    ("REQUEST", &["assist", "change", "yield", "meet"]),
    ("REJECT", &["assist", "change", "yield", "meet"]),
    ("ACCUSE", &["disapprove", "investigate", "allege"]),
    (
        "THREATEN",
        &[
            "restrict",
            "arrest",
            "relations",
            "expel",
            "territory",
            "violence",
        ],
    ),
    (
        "PROTEST",
        &[
            "demo",
            "riot",
            "strike",
            "hunger",
            "boycott",
            "obstruct",
            "vandalize",
        ],
    ),
    ("SANCTION", &["convict", "expel", "withdraw", "discontinue"]),
    ("MOBILIZE", &["troops", "weapons", "police", "militia"]),
    (
        "COERCE",
        &[
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        ],
    ),
    (
        "ASSAULT",
        &[
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ],
    ),
];

/// The modes PLOVER allows for `event` ("ASSAULT" -> "abduct", "beat", ...); empty for
/// categories without modes and for unknown names.
///
/// ```
/// assert!(dyad_ontology::plover_modes("CONSULT").contains(&"phone"));
/// assert!(dyad_ontology::plover_modes("AID").is_empty());
/// ```
pub fn plover_modes(event: &str) -> &'static [&'static str] {
    PLOVER_MODES
        .iter()
        .find(|(e, _)| *e == event)
        .map_or(&[], |(_, m)| m)
}

/// The whole ontology: CAMEO event codes, actor types and country/region codes, with
/// indexes for lookup. Built once from tables compiled into the crate.
#[derive(Debug)]
pub struct Ontology {
    events: Vec<EventCode>,
    event_index: HashMap<&'static str, usize>,
    countries: Vec<Country>,
    country_index: HashMap<&'static str, usize>,
    type_index: HashMap<&'static str, usize>,
}

static CAMEO: OnceLock<Ontology> = OnceLock::new();

impl Ontology {
    /// The CAMEO 1.1b3 ontology (built on first use, then shared).
    pub fn cameo() -> &'static Ontology {
        CAMEO.get_or_init(Ontology::build)
    }

    fn build() -> Ontology {
        let events = events::load_events();
        let event_index = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code, i))
            .collect();
        let countries = actors::load_countries();
        let country_index = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code, i))
            .collect();
        let type_index = ACTOR_TYPES
            .iter()
            .enumerate()
            .map(|(i, t)| (t.code, i))
            .collect();
        Ontology {
            events,
            event_index,
            countries,
            country_index,
            type_index,
        }
    }

    /// The event code `code` ("036", "1384", "19"); surrounding white space is ignored.
    pub fn event(&self, code: &str) -> Option<&EventCode> {
        self.event_index.get(code.trim()).map(|&i| &self.events[i])
    }

    /// True when `code` is a CAMEO 1.1b3 event code.
    pub fn is_event_code(&self, code: &str) -> bool {
        self.event(code).is_some()
    }

    /// All event codes in codebook order (each root followed by its categories and
    /// subcategories).
    pub fn all_events(&self) -> impl Iterator<Item = &EventCode> {
        self.events.iter()
    }

    /// The 20 root codes.
    pub fn roots(&self) -> impl Iterator<Item = &EventCode> {
        self.events.iter().filter(|e| e.is_root())
    }

    /// The codes one level below `code` ("190".."196" for "19"; "1381".."1385" for "138").
    pub fn children<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a EventCode> + 'a {
        self.events
            .iter()
            .filter(move |e| e.parent_code() == Some(code))
    }

    /// The root of `code` as an event ("19" for "193").
    pub fn root_of(&self, code: &str) -> Option<&EventCode> {
        let e = self.event(code)?;
        self.event(e.root)
    }

    /// The CAMEO actor type `code` ("GOV", "MIL", "REB", ...).
    pub fn actor_type(&self, code: &str) -> Option<&'static ActorType> {
        self.type_index.get(code.trim()).map(|&i| &ACTOR_TYPES[i])
    }

    /// All actor types.
    pub fn actor_types(&self) -> impl Iterator<Item = &'static ActorType> {
        ACTOR_TYPES.iter()
    }

    /// The country, territory or region `code` ("UKR", "PSE", "MEA", "WST").
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_index
            .get(code.trim())
            .map(|&i| &self.countries[i])
    }

    /// All countries, territories, regions and former states.
    pub fn countries(&self) -> impl Iterator<Item = &Country> {
        self.countries.iter()
    }

    /// Splits a CAMEO actor code into its country/region part and the three-letter parts
    /// that follow ("UKRGOVMIL" gives UKR and [GOV, MIL]; "IGOUNO" gives no country and
    /// [IGO, UNO]). `None` when the code is not a chain of three-character parts.
    pub fn split_actor_code<'a>(&self, code: &'a str) -> Option<ActorCodeParts<'a>> {
        actors::split_actor_code(code, |c| self.country_index.contains_key(c))
    }
}

/// The event code `code` in the CAMEO ontology; shorthand for `Ontology::cameo().event(code)`.
///
/// ```
/// let e = dyad_ontology::event("036").unwrap();
/// assert_eq!(e.name, "Express intent to meet or negotiate");
/// assert_eq!(e.goldstein, 4.0);
/// ```
pub fn event(code: &str) -> Option<&'static EventCode> {
    Ontology::cameo().event(code)
}

/// All CAMEO event codes; shorthand for `Ontology::cameo().all_events()`.
pub fn all_events() -> impl Iterator<Item = &'static EventCode> {
    Ontology::cameo().all_events()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn o() -> &'static Ontology {
        Ontology::cameo()
    }

    #[test]
    fn codebook_is_complete() {
        let all: Vec<_> = o().all_events().collect();
        assert_eq!(all.len(), 311);
        assert_eq!(o().roots().count(), 20);
        assert_eq!(all.iter().filter(|e| e.level() == 3).count(), 147);
        assert_eq!(all.iter().filter(|e| e.level() == 4).count(), 144);
        let mut seen = HashSet::new();
        for e in &all {
            assert!(seen.insert(e.code), "duplicate {}", e.code);
            assert!(!e.name.trim().is_empty(), "{} has no name", e.code);
            assert!((-10.0..=10.0).contains(&e.goldstein), "{}", e.code);
            assert_eq!(quad_class(e.code), Some(e.quad_class), "{}", e.code);
            assert_eq!(penta_class(e.code), Some(e.penta_class), "{}", e.code);
            assert_eq!(e.root, &e.code[..2]);
            // every category hangs under an existing parent
            if let Some(p) = e.parent_code() {
                assert!(o().event(p).is_some(), "{} has no parent {}", e.code, p);
            }
            match e.plover_event {
                None => assert!(e.root == "01" || e.root == "02", "{} lacks PLOVER", e.code),
                Some(p) => assert!(PLOVER_EVENTS.contains(&p), "{}: {}", e.code, p),
            }
            if let Some(m) = e.plover_mode {
                let ev = e.plover_event.unwrap_or("");
                assert!(
                    plover_modes(ev).contains(&m),
                    "{}: {m} is no mode of {ev}",
                    e.code
                );
            }
        }
    }

    #[test]
    fn known_values() {
        let e = o().event("190").unwrap();
        assert_eq!(
            e.name,
            "Use conventional military force, not specified below"
        );
        assert_eq!(e.goldstein, -10.0);
        assert_eq!(e.quad_class.number(), 4);
        assert_eq!(e.penta_class.number(), 4);
        assert_eq!(e.plover_event, Some("ASSAULT"));
        assert_eq!(e.plover_context, Some("military"));

        let e = o().event("036").unwrap();
        assert_eq!(e.name, "Express intent to meet or negotiate");
        assert_eq!(e.goldstein, 4.0);
        assert_eq!(e.quad_class, QuadClass::VerbalCooperation);
        assert_eq!(e.penta_class, PentaClass::VerbalCooperation);
        assert_eq!(e.plover_event, Some("AGREE"));

        let e = o().event("0311").unwrap();
        assert_eq!(e.name, "Express intent to cooperate economically");
        assert_eq!(e.goldstein, 5.2);
        assert_eq!(e.plover_context, Some("economic"));

        assert_eq!(o().event("011").unwrap().goldstein, -0.1);
        assert_eq!(o().event("057").unwrap().goldstein, 8.0);
        assert_eq!(o().event("0841").unwrap().plover_mode, Some("release"));
        assert_eq!(o().event("0841").unwrap().plover_event, Some("RETREAT"));
        assert_eq!(o().event("082").unwrap().plover_event, Some("CONCEDE"));
        assert_eq!(o().event("163").unwrap().plover_event, Some("COERCE"));
        assert_eq!(o().event("041").unwrap().plover_mode, Some("phone"));
        assert_eq!(o().event("173").unwrap().plover_mode, Some("arrest"));
        assert_eq!(o().event("116").unwrap().plover_event, Some("SANCTION"));
        assert_eq!(o().event("116").unwrap().plover_mode, Some("convict"));
        assert_eq!(o().event("186").unwrap().plover_mode, Some("targeted"));
        assert_eq!(o().event("195").unwrap().plover_mode, Some("aerial"));
        assert_eq!(o().event("1723").unwrap().plover_mode, Some("curfew"));
        assert_eq!(o().event("2042").unwrap().goldstein, -10.0);
        assert_eq!(o().event("19").unwrap().name, "FIGHT");
        assert_eq!(o().event(" 036 ").unwrap().code, "036");
        assert!(o().event("21").is_none());
        assert!(o().event("0315").is_none());
        let contexts: Vec<_> = o().event("1124").unwrap().plover_contexts().collect();
        assert_eq!(contexts, vec!["military", "legal"]);
    }

    #[test]
    fn demand_codes_use_manual_names() {
        assert_eq!(
            o().event("106").unwrap().name,
            "Demand meeting, negotiation"
        );
        assert_eq!(o().event("106").unwrap().gdelt_name, "Demand withdrawal");
        assert_eq!(o().event("108").unwrap().name, "Demand mediation");
        // Everywhere else the two names agree.
        let differing: Vec<_> = o()
            .all_events()
            .filter(|e| e.name != e.gdelt_name)
            .map(|e| e.code)
            .collect();
        assert_eq!(differing, vec!["101", "105", "106", "107", "108"]);
    }

    #[test]
    fn hierarchy_navigation() {
        let kids: Vec<_> = o().children("138").map(|e| e.code).collect();
        assert_eq!(kids, vec!["1381", "1382", "1383", "1384", "1385"]);
        assert_eq!(o().children("19").count(), 7);
        assert_eq!(o().root_of("1384").unwrap().code, "13");
        assert_eq!(o().event("1384").unwrap().parent_code(), Some("138"));
    }

    #[test]
    fn class_functions() {
        assert_eq!(quad_class("01"), Some(QuadClass::VerbalCooperation));
        assert_eq!(quad_class("05"), Some(QuadClass::VerbalCooperation));
        assert_eq!(quad_class("09"), Some(QuadClass::MaterialCooperation));
        assert_eq!(quad_class("9"), Some(QuadClass::MaterialCooperation));
        assert_eq!(quad_class("14"), Some(QuadClass::VerbalConflict));
        assert_eq!(quad_class("15"), Some(QuadClass::MaterialConflict));
        assert_eq!(quad_class("20"), Some(QuadClass::MaterialConflict));
        assert_eq!(quad_class("00"), None);
        assert_eq!(quad_class("abc"), None);
        assert_eq!(quad_class(""), None);
        assert_eq!(penta_class("02"), Some(PentaClass::Neutral));
        assert_eq!(penta_class("08"), Some(PentaClass::MaterialCooperation));
        assert_eq!(penta_class("09"), Some(PentaClass::VerbalConflict));
        assert_eq!(penta_class("13"), Some(PentaClass::VerbalConflict));
        assert_eq!(penta_class("14"), Some(PentaClass::MaterialConflict));
        assert_eq!(penta_class("21"), None);
        assert_eq!(
            serde_json::to_string(&QuadClass::VerbalConflict).unwrap(),
            "3"
        );
    }

    #[test]
    fn actor_types_and_countries() {
        let o = o();
        for code in [
            "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM",
            "CVL", "LAB", "LEG", "REF", "IGO", "NGO", "IMG", "INS", "SEP", "UAF", "ELI", "HLH",
            "AGR", "ENV", "MOD", "RAD", "AMN", "IRC", "GRP", "UNO",
        ] {
            assert!(o.actor_type(code).is_some(), "{code}");
        }
        assert_eq!(o.country("UKR").unwrap().name, "Ukraine");
        assert_eq!(o.country("UKR").unwrap().alpha2, Some("UA"));
        assert_eq!(o.country("MEA").unwrap().kind, CountryKind::Region);
        assert_eq!(o.country("WST").unwrap().name, "The West");
        assert_eq!(o.country("KSV").unwrap().kind, CountryKind::State);
        assert!(o.country("PSE").is_some());
        assert!(o.countries().count() > 270);
        // Codes are unique, and no type code can be mistaken for a country.
        let mut seen = HashSet::new();
        for c in o.countries() {
            assert!(seen.insert(c.code), "duplicate country {}", c.code);
            assert!(o.actor_type(c.code).is_none(), "{} is both", c.code);
        }
        let mut seen = HashSet::new();
        for t in o.actor_types() {
            assert!(seen.insert(t.code), "duplicate type {}", t.code);
        }
    }

    #[test]
    fn actor_code_splitting() {
        let o = o();
        let p = o.split_actor_code("RUSGOV").unwrap();
        assert_eq!(p.country, Some("RUS"));
        assert_eq!(p.parts, vec!["GOV"]);
        let p = o.split_actor_code("IGOUNO").unwrap();
        assert_eq!(p.country, None);
        assert_eq!(p.parts, vec!["IGO", "UNO"]);
        assert_eq!(o.split_actor_code("USA").unwrap().parts.len(), 0);
        assert!(o.split_actor_code("UKRG").is_none());
        assert!(o.split_actor_code("").is_none());
        assert!(o.split_actor_code("UK GOV").is_none());
    }

    #[test]
    fn broken_tables_are_reported_with_line() {
        let err = events::parse_cameo_tsv("# header\n01\tX\n").unwrap_err();
        assert!(err.contains("cameo.tsv:2"), "{err}");
        let err = events::parse_cameo_tsv("019\tX\tX\tabc\t1\t0\t\t\t\n").unwrap_err();
        assert!(err.contains("Goldstein"), "{err}");
        let err = actors::parse_countries_tsv("UKRAINE\tUA\tUkraine\n").unwrap_err();
        assert!(err.contains("countries.tsv:1"), "{err}");
    }
}
