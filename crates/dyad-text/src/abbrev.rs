//! Abbreviation lists for the tokenizer and the sentence splitter.
//!
//! Lists are facts of English usage written for dyad; lookups are by exact or
//! lower-cased form without the final period, so they cost one hash lookup.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Titles and other abbreviations that come before a name or a number: a period
/// after them never ends a sentence ("Gen. Petraeus", "Sen. Warren", "No. 5").
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr",
    "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Pres",
    "Rev", "Fr", "Hon", "Amb", "Supt", "Insp", "Det", "Atty", "Mt", "Ft", "Pt", "Sgts", "Gens",
    "Lt.Gen", "Maj.Gen", "Brig.Gen", "Sr", "Jr", "St", "Ste", "Mssrs",
];

/// Months: no break before a following number ("Jan. 5"), otherwise they may end one.
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Abbreviations that keep their period but may also end a sentence
/// ("... of Apple Inc. The company ...").
const GENERAL: &[&str] = &[
    "Inc", "Corp", "Ltd", "Co", "Cos", "Bros", "Plc", "LLC", "vs", "etc", "al", "approx", "est",
    "dept", "Dept", "Univ", "Ave", "Blvd", "Rd", "Hwy", "Fig", "fig", "Vol", "vol", "pp", "ca",
    "cf", "viz", "Ph.D", "Ph", "Esq", "Nos", "No", "Op", "Gov't", "Assn", "Intl", "Natl", "Dist",
    "Div", "Mfg", "Eq", "ft", "lb", "lbs", "oz", "hr", "hrs", "min", "sec", "mo", "yr", "yrs",
    "tel", "Tel", "ext", "Ext", "Wash", "Calif", "Ala", "Ariz", "Ark", "Colo", "Conn", "Del",
    "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss",
    "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wis",
    "Wyo", "Mex", "Jr", "Sr", "Ms", "Mr", "Mrs", "Dr",
];

/// Lower-cased abbreviations that are also common words: only abbreviations when
/// written with a capital ("Ill.", "Miss.", "Wash.", "Mass.", "No.").
const CASE_SENSITIVE: &[&str] = &[
    "Wash", "Ill", "Ind", "Miss", "Mass", "Mo", "La", "Del", "Pa", "Ore", "Va", "Ga", "Md", "No",
    "Nos", "Co", "Op", "Fig", "Vol", "Cos", "Est", "Min", "Sec", "Ext", "Tel", "Ca",
];

/// The lower-cased forms that count as abbreviations in any casing.
const ANY_CASE: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "sen", "rep", "gov", "rev",
    "st", "jr", "sr", "inc", "corp", "ltd", "vs", "etc", "al", "approx", "dept", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ave", "blvd", "cf",
    "esq", "govt", "mt", "ft", "fig", "vol", "pp", "lbs", "hrs", "yrs", "no", "pres", "adm", "maj",
    "cmdr", "bros", "assn", "intl", "calif", "fla", "ariz", "conn", "tenn", "okla", "colo", "mich",
    "minn", "wyo", "wis", "univ", "ph.d", "messrs",
];

/// Words that, capitalised after an abbreviation such as "Inc." or "U.S.", show
/// that a new sentence has started.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "Your",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Some",
    "Many",
    "Most",
    "Officials",
    "Police",
    "Also",
    "Now",
    "Then",
    "Still",
    "Last",
    "Earlier",
    "Later",
    "According",
    "For",
    "With",
    "By",
    "From",
    "To",
    "Under",
    "No",
    "Not",
    "Both",
    "Each",
    "All",
    "One",
    "Two",
    "Three",
    "Such",
    "Other",
    "Another",
    "Our",
    "Thanks",
    "Please",
    "Let",
    "Is",
    "Are",
    "Was",
    "Were",
    "Do",
    "Does",
    "Did",
    "Can",
    "Could",
    "Will",
    "Would",
    "Should",
    "May",
    "Here",
];

/// FNV-1a for the short words of these lists: they are looked up for every
/// token and gap of every text, where std's SipHash costs a few percent of
/// [`crate::segment`]'s time; the keys are our own fixed words, so hash
/// flooding is no concern.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
}

type WordSet = HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>;

struct Lists {
    titles: WordSet,
    months: WordSet,
    general: WordSet,
    case_sensitive: WordSet,
    any_case: WordSet,
    starters: WordSet,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| Lists {
        titles: TITLES.iter().copied().collect(),
        months: MONTHS.iter().copied().collect(),
        general: GENERAL.iter().copied().collect(),
        case_sensitive: CASE_SENSITIVE.iter().copied().collect(),
        any_case: ANY_CASE.iter().copied().collect(),
        starters: SENTENCE_STARTERS.iter().copied().collect(),
    })
}

/// Lower-cases short ASCII words into a stack buffer (no allocation per word).
fn lower_ascii<'a>(word: &str, buf: &'a mut [u8; 16]) -> Option<&'a str> {
    let b = word.as_bytes();
    if b.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (i, c) in b.iter().enumerate() {
        buf[i] = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// True if `word` (without its final period) is an abbreviation that keeps its period.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let l = lists();
    if l.titles.contains(word) || l.months.contains(word) || l.general.contains(word) {
        return true;
    }
    let mut buf = [0u8; 16];
    let Some(lower) = lower_ascii(word, &mut buf) else {
        return false;
    };
    if l.any_case.contains(lower) {
        // "no." is an abbreviation only as "No." (number); the lower-case word is "no".
        return !is_case_sensitive_word(word, lower);
    }
    false
}

fn is_case_sensitive_word(word: &str, lower: &str) -> bool {
    let first_upper = word.chars().next().is_some_and(|c| c.is_uppercase());
    !first_upper
        && lists()
            .case_sensitive
            .iter()
            .any(|w| w.eq_ignore_ascii_case(lower))
}

/// Abbreviations after which a period never ends a sentence (titles such as "Gen.").
pub(crate) fn is_title(word: &str) -> bool {
    let l = lists();
    if l.titles.contains(word) {
        return !matches!(word, "Jr" | "Sr" | "St");
    }
    let mut buf = [0u8; 16];
    lower_ascii(word, &mut buf).is_some_and(|w| {
        matches!(
            w,
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "prof"
                | "gen"
                | "lt"
                | "col"
                | "capt"
                | "sgt"
                | "sen"
                | "rep"
                | "gov"
                | "rev"
                | "messrs"
                | "adm"
                | "maj"
                | "cmdr"
        )
    })
}

/// Month abbreviations ("Jan", "Sept").
pub(crate) fn is_month(word: &str) -> bool {
    lists().months.contains(word)
}

/// Capitalised words that typically open a sentence.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    lists().starters.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_by_case() {
        assert!(is_abbreviation("Mr"));
        assert!(is_abbreviation("Gen"));
        assert!(is_abbreviation("etc"));
        assert!(is_abbreviation("Sept"));
        assert!(is_abbreviation("No"));
        assert!(!is_abbreviation("no"));
        assert!(!is_abbreviation("ill"));
        assert!(is_abbreviation("Ill"));
        assert!(!is_abbreviation("Washington"));
        assert!(is_title("Sen"));
        assert!(!is_title("Inc"));
        assert!(is_month("Jan"));
        assert!(is_sentence_starter("The"));
    }
}
