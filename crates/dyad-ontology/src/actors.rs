//! CAMEO actor codes: countries and regions (the first three letters of most actor codes)
//! and actor types ("agents": GOV, MIL, REB, ...) that follow them.

use serde::Serialize;

/// What an actor-type code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorTypeKind {
    /// A role of the state or of its armed challengers (GOV, MIL, COP, REB, INS, ...).
    StateOrArmed,
    /// A societal sector (BUS, MED, LAB, CVL, EDU, ...).
    Sector,
    /// An international actor type (IGO, NGO, IMG, MNC, UNO, PKO, ...).
    International,
    /// A named non-governmental organisation with its own CAMEO type (AMN, IRC, GRP).
    NamedNgo,
    /// A religion or denomination (CHR, MOS, SHI, SUN, JEW, ...).
    Religion,
}

/// One CAMEO actor-type code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ActorType {
    /// The three-letter code ("GOV").
    pub code: &'static str,
    /// Its meaning ("Government").
    pub name: &'static str,
    /// What kind of type it is.
    pub kind: ActorTypeKind,
}

const fn t(code: &'static str, name: &'static str, kind: ActorTypeKind) -> ActorType {
    ActorType { code, name, kind }
}

use ActorTypeKind::{International, NamedNgo, Religion, Sector, StateOrArmed};

/// The CAMEO actor-type codes (CAMEO 1.1b3 with the additions used by ICEWS and Phoenix
/// dictionaries, such as PTY).
pub static ACTOR_TYPES: &[ActorType] = &[
    t("GOV", "Government", StateOrArmed),
    t("MIL", "Military", StateOrArmed),
    t("COP", "Police forces", StateOrArmed),
    t("JUD", "Judiciary", StateOrArmed),
    t("SPY", "State intelligence services", StateOrArmed),
    t("LEG", "Legislature", StateOrArmed),
    t("OPP", "Political opposition", StateOrArmed),
    t("PTY", "Political party", StateOrArmed),
    t("REB", "Rebels", StateOrArmed),
    t("INS", "Insurgents", StateOrArmed),
    t("SEP", "Separatist rebels", StateOrArmed),
    t("UAF", "Unaligned armed forces", StateOrArmed),
    t("UIS", "Unidentified state actor", StateOrArmed),
    t(
        "ELI",
        "Elites (former officials, dignitaries)",
        StateOrArmed,
    ),
    t("MOD", "Moderate", StateOrArmed),
    t("RAD", "Radical", StateOrArmed),
    t("AGR", "Agriculture", Sector),
    t("BUS", "Business", Sector),
    t("CRM", "Criminal", Sector),
    t("CVL", "Civilians", Sector),
    t("DEV", "Development", Sector),
    t("EDU", "Education", Sector),
    t("ENV", "Environmental", Sector),
    t("HLH", "Health", Sector),
    t("HRI", "Human rights", Sector),
    t("LAB", "Labor", Sector),
    t("MED", "Media", Sector),
    t("REF", "Refugees", Sector),
    t("SET", "Settlers", Sector),
    t("IGO", "Inter-governmental organisation", International),
    t("NGO", "Non-governmental organisation", International),
    t("NGM", "Non-governmental movement", International),
    t("IMG", "International militarized group", International),
    t("MNC", "Multinational corporation", International),
    t("UNO", "United Nations", International),
    t("PKO", "Peacekeepers", International),
    t("AMN", "Amnesty International", NamedNgo),
    t("IRC", "Red Cross and Red Crescent", NamedNgo),
    t("GRP", "Greenpeace", NamedNgo),
    t("REL", "Religious (unspecified)", Religion),
    t("CHR", "Christianity", Religion),
    t("CTH", "Catholic", Religion),
    t("ORT", "Orthodox Christian", Religion),
    t("PRO", "Protestant", Religion),
    t("MOS", "Islam (Muslim)", Religion),
    t("SHI", "Shia Islam", Religion),
    t("SUN", "Sunni Islam", Religion),
    t("JEW", "Judaism", Religion),
    t("BUD", "Buddhism", Religion),
    t("HIN", "Hinduism", Religion),
    t("SIK", "Sikhism", Religion),
    t("DRZ", "Druze", Religion),
    t("BAH", "Bahai", Religion),
];

/// Whether a country-level code is a state or territory, a CAMEO region, or a state
/// that no longer exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountryKind {
    /// An ISO 3166-1 state or territory (or Kosovo, which CAMEO and the Phoenix dictionaries code KSV).
    State,
    /// A CAMEO regional code (AFR, MEA, WST, ...).
    Region,
    /// A former state that CAMEO still codes (USR, YUG).
    Historical,
}

/// A country, territory or region code: the first three letters of a CAMEO actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-3 or CAMEO regional code ("UKR", "MEA").
    pub code: &'static str,
    /// ISO 3166-1 alpha-2, for states and territories that have one ("UA").
    pub alpha2: Option<&'static str>,
    /// Short English name ("Ukraine", "Middle East").
    pub name: &'static str,
    /// State, region or former state.
    pub kind: CountryKind,
}

/// CAMEO codes beside ISO 3166-1: regions and the states ISO does not (or no longer) list.
static CAMEO_PLACES: &[(&str, &str, CountryKind)] = &[
    ("AFR", "Africa", CountryKind::Region),
    ("ASA", "Asia", CountryKind::Region),
    ("BLK", "Balkans", CountryKind::Region),
    ("CRB", "Caribbean", CountryKind::Region),
    ("CAU", "Caucasus", CountryKind::Region),
    ("CFR", "Central Africa", CountryKind::Region),
    ("CAS", "Central Asia", CountryKind::Region),
    ("CEU", "Central Europe", CountryKind::Region),
    ("EIN", "East Indies", CountryKind::Region),
    ("EAF", "Eastern Africa", CountryKind::Region),
    ("EEU", "Eastern Europe", CountryKind::Region),
    ("EUR", "Europe", CountryKind::Region),
    ("LAM", "Latin America", CountryKind::Region),
    ("MEA", "Middle East", CountryKind::Region),
    ("MDT", "Mediterranean", CountryKind::Region),
    ("NAF", "North Africa", CountryKind::Region),
    ("NMR", "North America", CountryKind::Region),
    ("PGS", "Persian Gulf", CountryKind::Region),
    ("SCN", "Scandinavia", CountryKind::Region),
    ("SAM", "South America", CountryKind::Region),
    ("SAS", "South Asia", CountryKind::Region),
    ("SEA", "Southeast Asia", CountryKind::Region),
    ("SAF", "Southern Africa", CountryKind::Region),
    ("WAF", "West Africa", CountryKind::Region),
    ("WST", "The West", CountryKind::Region),
    ("KSV", "Kosovo", CountryKind::State),
    ("USR", "Soviet Union", CountryKind::Historical),
    ("YUG", "Yugoslavia", CountryKind::Historical),
];

/// The generated ISO 3166-1 table; see `scripts/gen_ontology.py`.
const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");

pub(crate) fn parse_countries_tsv(text: &'static str) -> Result<Vec<Country>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        if f.len() != 3 || f[0].len() != 3 || f[1].len() != 2 {
            return Err(format!(
                "countries.tsv:{}: expected CODE, ALPHA2, NAME",
                i + 1
            ));
        }
        out.push(Country {
            code: f[0],
            alpha2: Some(f[1]),
            name: f[2],
            kind: CountryKind::State,
        });
    }
    Ok(out)
}

pub(crate) fn load_countries() -> Vec<Country> {
    let mut v = match parse_countries_tsv(COUNTRIES_TSV) {
        Ok(v) => v,
        // Compiled in and covered by unit tests; failing here is a build defect.
        Err(e) => panic!("embedded country table is broken: {e}"),
    };
    for &(code, name, kind) in CAMEO_PLACES {
        v.push(Country {
            code,
            alpha2: None,
            name,
            kind,
        });
    }
    v
}

/// A CAMEO actor code split into its three-letter parts: an optional country or region
/// followed by actor types ("UKRGOVMIL" is UKR + GOV + MIL; "IGOUNO" has no country).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorCodeParts<'a> {
    /// The country or region part, when the code starts with one.
    pub country: Option<&'a str>,
    /// The remaining three-letter parts in order (types, or organisation codes).
    pub parts: Vec<&'a str>,
}

/// Splits a CAMEO actor code into three-letter parts; `None` when its length is not a
/// multiple of three or it holds anything but ASCII letters and digits.
pub(crate) fn split_actor_code<'a>(
    code: &'a str,
    is_country: impl Fn(&str) -> bool,
) -> Option<ActorCodeParts<'a>> {
    if code.is_empty()
        || !code.len().is_multiple_of(3)
        || !code.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let chunks: Vec<&'a str> = (0..code.len() / 3)
        .map(|i| &code[i * 3..i * 3 + 3])
        .collect();
    let (country, parts) = if is_country(chunks[0]) {
        (Some(chunks[0]), chunks[1..].to_vec())
    } else {
        (None, chunks)
    };
    Some(ActorCodeParts { country, parts })
}
