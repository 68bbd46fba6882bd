//! CAMEO event codes: names, Goldstein values, QuadClass, PentaClass and PLOVER.

use serde::Serialize;
use std::fmt;

/// GDELT's four-way grouping of CAMEO roots by cooperation/conflict and verbal/material.
///
/// Numbered as in GDELT (`1`..=`4`); [`QuadClass::number`] gives that number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "u8")]
pub enum QuadClass {
    /// 1: roots 01-05 (statements, appeals, intents, consultations, diplomatic cooperation).
    VerbalCooperation = 1,
    /// 2: roots 06-09 (material cooperation, aid, yielding, investigation).
    MaterialCooperation = 2,
    /// 3: roots 10-14 (demands, disapproval, rejection, threats, protest).
    VerbalConflict = 3,
    /// 4: roots 15-20 (force posture, reduced relations, coercion, assault, fighting, mass violence).
    MaterialConflict = 4,
}

impl QuadClass {
    /// GDELT's number for the class (1-4).
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The class with GDELT's number `n` (1-4).
    pub fn from_number(n: u8) -> Option<QuadClass> {
        match n {
            1 => Some(QuadClass::VerbalCooperation),
            2 => Some(QuadClass::MaterialCooperation),
            3 => Some(QuadClass::VerbalConflict),
            4 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }

    /// A short English label ("verbal cooperation", ...).
    pub fn label(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "verbal cooperation",
            QuadClass::MaterialCooperation => "material cooperation",
            QuadClass::VerbalConflict => "verbal conflict",
            QuadClass::MaterialConflict => "material conflict",
        }
    }
}

impl From<QuadClass> for u8 {
    fn from(q: QuadClass) -> u8 {
        q.number()
    }
}

impl fmt::Display for QuadClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

/// The Phoenix data's five-way grouping of CAMEO roots, which sets statements and appeals
/// apart as neutral.
///
/// Numbered `0`..=`4` as in the Phoenix data; [`PentaClass::number`] gives that number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "u8")]
pub enum PentaClass {
    /// 0: roots 01-02 (public statements, appeals).
    Neutral = 0,
    /// 1: roots 03-05.
    VerbalCooperation = 1,
    /// 2: roots 06-08.
    MaterialCooperation = 2,
    /// 3: roots 09-13 (investigate, demand, disapprove, reject, threaten).
    VerbalConflict = 3,
    /// 4: roots 14-20 (protest onwards).
    MaterialConflict = 4,
}

impl PentaClass {
    /// The Phoenix number for the class (0-4).
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The class with the Phoenix number `n` (0-4).
    pub fn from_number(n: u8) -> Option<PentaClass> {
        match n {
            0 => Some(PentaClass::Neutral),
            1 => Some(PentaClass::VerbalCooperation),
            2 => Some(PentaClass::MaterialCooperation),
            3 => Some(PentaClass::VerbalConflict),
            4 => Some(PentaClass::MaterialConflict),
            _ => None,
        }
    }

    /// A short English label ("neutral", "verbal cooperation", ...).
    pub fn label(self) -> &'static str {
        match self {
            PentaClass::Neutral => "neutral",
            PentaClass::VerbalCooperation => "verbal cooperation",
            PentaClass::MaterialCooperation => "material cooperation",
            PentaClass::VerbalConflict => "verbal conflict",
            PentaClass::MaterialConflict => "material conflict",
        }
    }
}

impl From<PentaClass> for u8 {
    fn from(p: PentaClass) -> u8 {
        p.number()
    }
}

impl fmt::Display for PentaClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

/// The root number (1-20) of a CAMEO code or root ("19", "190", "1384", also "9" or 9).
fn root_number(root: &str) -> Option<u8> {
    let digits = root.trim();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // A lone digit is a root written without its leading zero ("9" for "09").
    let head = if digits.len() == 1 {
        digits
    } else {
        &digits[..2]
    };
    let n: u8 = head.parse().ok()?;
    (1..=20).contains(&n).then_some(n)
}

/// QuadClass of a CAMEO root or code ("14", "141", "1411"); `None` for anything that is
/// not a CAMEO code with a root from 01 to 20.
///
/// ```
/// use dyad_ontology::{quad_class, QuadClass};
/// assert_eq!(quad_class("19"), Some(QuadClass::MaterialConflict));
/// assert_eq!(quad_class("036"), Some(QuadClass::VerbalCooperation));
/// assert_eq!(quad_class("21"), None);
/// ```
pub fn quad_class(root: &str) -> Option<QuadClass> {
    let n = root_number(root)?;
    Some(match n {
        1..=5 => QuadClass::VerbalCooperation,
        6..=9 => QuadClass::MaterialCooperation,
        10..=14 => QuadClass::VerbalConflict,
        _ => QuadClass::MaterialConflict,
    })
}

/// PentaClass of a CAMEO root or code, as in the Phoenix data: 0 for 01-02, 1 for 03-05,
/// 2 for 06-08, 3 for 09-13, 4 for 14-20.
///
/// ```
/// use dyad_ontology::{penta_class, PentaClass};
/// assert_eq!(penta_class("01"), Some(PentaClass::Neutral));
/// assert_eq!(penta_class("141"), Some(PentaClass::MaterialConflict));
/// ```
pub fn penta_class(root: &str) -> Option<PentaClass> {
    let n = root_number(root)?;
    Some(match n {
        1..=2 => PentaClass::Neutral,
        3..=5 => PentaClass::VerbalCooperation,
        6..=8 => PentaClass::MaterialCooperation,
        9..=13 => PentaClass::VerbalConflict,
        _ => PentaClass::MaterialConflict,
    })
}

/// One CAMEO event code with everything the ontology knows about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventCode {
    /// The code as written in CAMEO: 2 digits for a root ("19"), 3 for a category ("190"),
    /// 4 for a subcategory ("1384"), with leading zeros ("036").
    pub code: &'static str,
    /// The CAMEO 1.1b3 name ("Use conventional military force, not specified below").
    /// Roots are named in capitals as in the codebook ("FIGHT").
    pub name: &'static str,
    /// The name in GDELT's lookup table; differs from `name` only for 101 and 105-108,
    /// where GDELT kept labels of an older CAMEO draft.
    pub gdelt_name: &'static str,
    /// The Goldstein conflict-cooperation value (-10 to +10).
    pub goldstein: f32,
    /// GDELT QuadClass of the root.
    pub quad_class: QuadClass,
    /// Phoenix PentaClass of the root.
    pub penta_class: PentaClass,
    /// The two-digit root ("19" for "1384" is "13").
    pub root: &'static str,
    /// The PLOVER event category ("ASSAULT"); `None` for roots 01 and 02, which PLOVER drops.
    pub plover_event: Option<&'static str>,
    /// The PLOVER mode ("release", "visit"), when the conversion table gives one.
    pub plover_mode: Option<&'static str>,
    /// The PLOVER context(s), separated by "; " ("military; legal"), when given.
    pub plover_context: Option<&'static str>,
}

impl EventCode {
    /// 2 for a root, 3 for a category, 4 for a subcategory.
    pub fn level(&self) -> usize {
        self.code.len()
    }

    /// True for a two-digit root code.
    pub fn is_root(&self) -> bool {
        self.code.len() == 2
    }

    /// The code one level up ("138" for "1384", "13" for "138"); `None` for a root.
    pub fn parent_code(&self) -> Option<&'static str> {
        match self.code.len() {
            3 => Some(&self.code[..2]),
            4 => Some(&self.code[..3]),
            _ => None,
        }
    }

    /// The PLOVER contexts as a list (empty when none is given).
    pub fn plover_contexts(&self) -> impl Iterator<Item = &'static str> {
        self.plover_context
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// The generated codebook; see `scripts/gen_ontology.py`.
const CAMEO_TSV: &str = include_str!("../data/cameo.tsv");

/// Parses the embedded codebook. The table is generated and checked by our tests, so a
/// malformed line is a build defect: the error names the line.
pub(crate) fn parse_cameo_tsv(text: &'static str) -> Result<Vec<EventCode>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        if f.len() != 9 {
            return Err(format!(
                "cameo.tsv:{lineno}: expected 9 fields, found {}",
                f.len()
            ));
        }
        let code = f[0];
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("cameo.tsv:{lineno}: bad code {code:?}"));
        }
        let goldstein: f32 = f[3]
            .parse()
            .map_err(|_| format!("cameo.tsv:{lineno}: bad Goldstein value {:?}", f[3]))?;
        let quad = f[4]
            .parse::<u8>()
            .ok()
            .and_then(QuadClass::from_number)
            .ok_or_else(|| format!("cameo.tsv:{lineno}: bad QuadClass {:?}", f[4]))?;
        let penta = f[5]
            .parse::<u8>()
            .ok()
            .and_then(PentaClass::from_number)
            .ok_or_else(|| format!("cameo.tsv:{lineno}: bad PentaClass {:?}", f[5]))?;
        let opt = |s: &'static str| (!s.is_empty()).then_some(s);
        out.push(EventCode {
            code,
            name: f[1],
            gdelt_name: f[2],
            goldstein,
            quad_class: quad,
            penta_class: penta,
            root: &code[..2],
            plover_event: opt(f[6]),
            plover_mode: opt(f[7]),
            plover_context: opt(f[8]),
        });
    }
    Ok(out)
}

pub(crate) fn load_events() -> Vec<EventCode> {
    match parse_cameo_tsv(CAMEO_TSV) {
        Ok(v) => v,
        // The table is compiled in and covered by unit tests; failing here is a build defect.
        Err(e) => panic!("embedded CAMEO table is broken: {e}"),
    }
}
