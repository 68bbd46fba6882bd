//! The flat event table shared by the CSV and Parquet writers: one row per event,
//! the columns of [`COLUMNS`], each cell typed so that CSV renders it as text and
//! Parquet stores it in a typed (and, where it can be absent, nullable) column.
//!
//! Compound actors are joined with `;` in every actor column (codes, countries,
//! texts, spans, agents stay aligned); an actor's own agent codes are joined with
//! `+`; spans are `start-end` in characters.

use dyad_coder::record::{ActorRef, EventRecord};
use dyad_text::Document;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text that is always there.
    Text,
    /// Text that may be empty; Parquet stores an empty one as null.
    OptText,
    /// An ISO date `YYYY-MM-DD` or nothing; Parquet stores it as a DATE.
    Date,
    /// A small integer.
    Int,
    /// A small integer that may be absent; Parquet stores it as a nullable int32.
    OptInt,
    /// A real number.
    Float,
    /// A flag that is always there.
    Bool,
    /// A flag that may be absent (no attribution, no flag).
    OptBool,
}

/// A column: its name and kind.
pub(crate) struct Column {
    pub name: &'static str,
    pub kind: Kind,
}

const fn col(name: &'static str, kind: Kind) -> Column {
    Column { name, kind }
}

/// The columns of the event table, in order.
pub(crate) const COLUMNS: [Column; 34] = [
    col("doc_id", Kind::Text),
    col("sentence", Kind::Int),
    col("date", Kind::Date),
    col("source_code", Kind::OptText),
    col("source_country", Kind::OptText),
    col("source_agents", Kind::OptText),
    col("source_text", Kind::OptText),
    col("source_span", Kind::OptText),
    col("target_code", Kind::OptText),
    col("target_country", Kind::OptText),
    col("target_agents", Kind::OptText),
    col("target_text", Kind::OptText),
    col("target_span", Kind::OptText),
    col("cameo", Kind::Text),
    col("cameo_name", Kind::Text),
    col("root", Kind::Text),
    col("quad_class", Kind::Int),
    col("penta_class", Kind::Int),
    col("goldstein", Kind::Float),
    col("plover", Kind::OptText),
    col("negated", Kind::Bool),
    col("modality", Kind::Text),
    col("attribution_kind", Kind::OptText),
    col("attribution_speaker", Kind::OptText),
    col("attribution_cue", Kind::OptText),
    col("attribution_direct", Kind::OptBool),
    col("issues", Kind::OptText),
    col("verb", Kind::Text),
    col("verb_span", Kind::Text),
    col("rule", Kind::Text),
    col("confidence", Kind::Float),
    col("sentence_text", Kind::Text),
    col("source_url", Kind::OptText),
    // Last, so that readers of the earlier columns by position are unaffected.
    col("times", Kind::OptInt),
];

/// One cell of the table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Int(i32),
    OptInt(Option<i32>),
    Float(f32),
    Bool(Option<bool>),
}

impl Cell {
    /// The cell as CSV text (an absent flag is empty).
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::OptInt(i) => i.map(|i| i.to_string()).unwrap_or_default(),
            Cell::Float(f) => f.to_string(),
            Cell::Bool(b) => b.map(|b| b.to_string()).unwrap_or_default(),
        }
    }
}

fn join<'a>(actors: &'a [ActorRef], f: impl Fn(&'a ActorRef) -> String) -> String {
    actors.iter().map(f).collect::<Vec<_>>().join(";")
}

fn actor_cells(v: &[ActorRef]) -> [Cell; 5] {
    [
        Cell::Text(join(v, |a| a.code.clone())),
        Cell::Text(join(v, |a| a.country.clone().unwrap_or_default())),
        Cell::Text(join(v, |a| a.agents.join("+"))),
        Cell::Text(join(v, |a| a.text.clone())),
        Cell::Text(join(v, |a| format!("{}-{}", a.span[0], a.span[1]))),
    ]
}

/// The row of one event, aligned with [`COLUMNS`].
pub(crate) fn event_row(doc: &Document, e: &EventRecord) -> Vec<Cell> {
    let att = e.attribution.as_ref();
    let text = |s: Option<String>| Cell::Text(s.unwrap_or_default());
    let mut row = vec![
        Cell::Text(e.doc_id.clone()),
        Cell::Int(i32::try_from(e.sentence).unwrap_or(i32::MAX)),
        text(e.date.clone()),
    ];
    row.extend(actor_cells(&e.source));
    row.extend(actor_cells(&e.target));
    row.extend([
        Cell::Text(e.cameo.clone()),
        Cell::Text(e.cameo_name.clone()),
        Cell::Text(e.root.clone()),
        Cell::Int(e.quad_class.into()),
        Cell::Int(e.penta_class.into()),
        Cell::Float(e.goldstein),
        text(e.plover.clone()),
        Cell::Bool(Some(e.negated)),
        Cell::Text(e.modality.clone()),
        text(att.map(|a| a.kind.clone())),
        text(att.and_then(|a| a.speaker.as_ref()).map(|s| s.text.clone())),
        text(att.and_then(|a| a.cue.clone())),
        Cell::Bool(att.map(|a| a.direct)),
        Cell::Text(e.issues.join(";")),
        Cell::Text(e.evidence.verb.text.clone()),
        Cell::Text(format!(
            "{}-{}",
            e.evidence.verb.span[0], e.evidence.verb.span[1]
        )),
        Cell::Text(e.evidence.rule.clone()),
        Cell::Float(e.confidence),
        Cell::Text(e.evidence.sentence_text.clone()),
        text(doc.source.clone()),
        Cell::OptInt(e.times.map(|n| i32::try_from(n).unwrap_or(i32::MAX))),
    ]);
    debug_assert_eq!(row.len(), COLUMNS.len());
    row
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (the proleptic Gregorian
/// calendar, as Parquet's DATE wants), or `None` if `s` is not such a date.
pub(crate) fn days_since_epoch(s: &str) -> Option<i32> {
    let mut parts = s.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::fixtures;

    #[test]
    fn dates_count_days_from_the_epoch() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("2000-03-01"), Some(11_017));
        assert_eq!(days_since_epoch("2022-03-20"), Some(19_071));
        assert_eq!(days_since_epoch("1969-12-31"), Some(-1));
        assert_eq!(days_since_epoch("2024-02-29"), Some(19_782));
        assert_eq!(days_since_epoch("2023-02-29"), None);
        assert_eq!(days_since_epoch("2022-13-01"), None);
        assert_eq!(days_since_epoch("2022-03"), None);
        assert_eq!(days_since_epoch("March 2022"), None);
    }

    #[test]
    fn a_row_has_a_cell_of_the_right_kind_per_column() {
        let doc = fixtures::document();
        let coded = fixtures::coded();
        let row = event_row(&doc, &coded.events[0]);
        assert_eq!(row.len(), COLUMNS.len());
        for (cell, column) in row.iter().zip(COLUMNS.iter()) {
            let ok = match column.kind {
                Kind::Text | Kind::OptText | Kind::Date => matches!(cell, Cell::Text(_)),
                Kind::Int => matches!(cell, Cell::Int(_)),
                Kind::OptInt => matches!(cell, Cell::OptInt(_)),
                Kind::Float => matches!(cell, Cell::Float(_)),
                Kind::Bool => matches!(cell, Cell::Bool(Some(_))),
                Kind::OptBool => matches!(cell, Cell::Bool(_)),
            };
            assert!(ok, "column {} holds {cell:?}", column.name);
        }
        assert_eq!(COLUMNS.last().map(|c| c.name), Some("times"));
        assert_eq!(row.last(), Some(&Cell::OptInt(None)));
        assert_eq!(row.last().unwrap().to_text(), "");
    }

    #[test]
    fn a_repetition_count_fills_the_last_column() {
        let doc = fixtures::document();
        let mut event = fixtures::coded().events[0].clone();
        event.times = Some(4);
        let row = event_row(&doc, &event);
        assert_eq!(row.last(), Some(&Cell::OptInt(Some(4))));
        assert_eq!(row.last().unwrap().to_text(), "4");
    }
}
