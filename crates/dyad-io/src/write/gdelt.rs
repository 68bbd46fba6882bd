//! GDELT 2.0 event table: tab-separated, the 61 columns of the GDELT 2.0 event
//! codebook in order, no header (as GDELT's own files), one row per source × target
//! pair of each event.
//!
//! What dyad fills: the ids and dates, actor codes, names (the mention text),
//! countries and up to three agent (type) codes, `IsRootEvent` (1 when the event is
//! in the first three sentences, standing in for GDELT's "lead paragraph"), the
//! CAMEO code hierarchy, QuadClass and Goldstein, `NumMentions`/`NumSources`/
//! `NumArticles` = 1 (one article, one mention), `DATEADDED` and `SOURCEURL` (the
//! document's source when it is a URL, else its id). Left empty: known group,
//! ethnic and religion codes, `AvgTone` (dyad does not score tone) and the geography
//! (every `*Geo_Type` is 0, GDELT's "no location", the other geo fields empty).
//!
//! `GLOBALEVENTID` counts rows from 1 in output order. `DATEADDED` is the time of the
//! run (UTC, `YYYYMMDDHHMMSS`), or `SOURCE_DATE_EPOCH` when it is set, for
//! reproducible output.

use super::{actor_pairs, EventWriter};
use dyad_coder::record::ActorRef;
use dyad_coder::CodedDocument;
use dyad_text::Document;
use std::io::{self, BufWriter, Write};

/// The GDELT 2.0 event table's columns, in file order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Writes GDELT 2.0 event rows.
pub struct GdeltWriter<W: Write> {
    out: BufWriter<W>,
    next_id: u64,
    date_added: String,
}

impl<W: Write> GdeltWriter<W> {
    pub fn new(out: W) -> Self {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Self::with_date_added(out, secs)
    }

    /// A writer whose `DATEADDED` is the Unix time `secs`.
    pub fn with_date_added(out: W, secs: i64) -> Self {
        let date = crate::read::date_from_timestamp(secs)
            .map(|d| format!("{:04}{:02}{:02}", d.year, d.month, d.day))
            .unwrap_or_else(|_| "19700101".into());
        let s = secs.rem_euclid(86_400);
        GdeltWriter {
            out: BufWriter::with_capacity(1 << 16, out),
            next_id: 1,
            date_added: format!("{date}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60),
        }
    }

    /// The underlying writer (after a flush).
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// A field with the characters that would break a TSV row replaced by spaces.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The ten actor columns (code .. Type3Code) for one side.
fn actor_columns(a: Option<&ActorRef>) -> [String; 10] {
    let Some(a) = a else {
        return Default::default();
    };
    let agent = |i: usize| a.agents.get(i).cloned().unwrap_or_default();
    [
        clean(&a.code),
        clean(&a.text),
        a.country.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        agent(0),
        agent(1),
        agent(2),
    ]
}

/// The eight geo columns, "no location".
fn no_geo() -> [String; 8] {
    let mut g: [String; 8] = Default::default();
    g[0] = "0".into();
    g
}

impl<W: Write> EventWriter for GdeltWriter<W> {
    fn write_document(&mut self, doc: &Document, coded: &CodedDocument) -> io::Result<()> {
        let source_url = doc
            .source
            .as_deref()
            .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
            .unwrap_or(&doc.id);
        for e in &coded.events {
            let date = e
                .date
                .as_deref()
                .and_then(|d| dyad_text::Date::parse_lenient(d).ok())
                .or(doc.date);
            let (sqldate, month_year, year, fraction) = match date {
                Some(d) => (
                    format!("{:04}{:02}{:02}", d.year, d.month, d.day),
                    format!("{:04}{:02}", d.year, d.month),
                    format!("{:04}", d.year),
                    // GDELT's own formula: YEAR + (MONTH * 30 + DAY) / 365.
                    format!(
                        "{:.4}",
                        d.year as f64 + (f64::from(d.month) * 30.0 + f64::from(d.day)) / 365.0
                    ),
                ),
                None => Default::default(),
            };
            let base = if e.cameo.len() > 3 {
                &e.cameo[..3]
            } else {
                &e.cameo
            };
            let root = if e.root.is_empty() {
                e.cameo.get(..2).unwrap_or("")
            } else {
                &e.root
            };
            for (s, t) in actor_pairs(&e.source, &e.target) {
                let mut row: Vec<String> = Vec::with_capacity(GDELT_COLUMNS.len());
                row.push(self.next_id.to_string());
                self.next_id += 1;
                row.extend([
                    sqldate.clone(),
                    month_year.clone(),
                    year.clone(),
                    fraction.clone(),
                ]);
                row.extend(actor_columns(s));
                row.extend(actor_columns(t));
                row.push(if e.sentence < 3 { "1" } else { "0" }.into());
                row.extend([
                    e.cameo.clone(),
                    base.to_string(),
                    root.to_string(),
                    e.quad_class.to_string(),
                    e.goldstein.to_string(),
                    "1".into(),
                    "1".into(),
                    "1".into(),
                    String::new(),
                ]);
                row.extend(no_geo());
                row.extend(no_geo());
                row.extend(no_geo());
                row.push(self.date_added.clone());
                row.push(clean(source_url));
                debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
                self.out.write_all(row.join("\t").as_bytes())?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::fixtures;

    #[test]
    fn rows_have_61_columns_in_gdelt_order() {
        // 2022-03-21 13:45:10 UTC
        let mut w = GdeltWriter::with_date_added(Vec::new(), 1_647_870_310);
        w.write_document(&fixtures::document(), &fixtures::coded())
            .unwrap();
        w.finish().unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
        // Compound source UKRGOV;TUR × RUS = two rows.
        assert_eq!(rows.len(), 2);
        let col =
            |r: usize, name: &str| rows[r][GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert!(rows.iter().all(|r| r.len() == 61));
        assert_eq!(col(0, "GLOBALEVENTID"), "1");
        assert_eq!(col(1, "GLOBALEVENTID"), "2");
        assert_eq!(col(0, "SQLDATE"), "20220320");
        assert_eq!(col(0, "MonthYear"), "202203");
        assert_eq!(col(0, "Year"), "2022");
        assert_eq!(col(0, "FractionDate"), "2022.3014");
        assert_eq!(col(0, "Actor1Code"), "UKRGOV");
        assert_eq!(col(0, "Actor1Name"), "Ukraine");
        assert_eq!(col(0, "Actor1CountryCode"), "UKR");
        assert_eq!(col(0, "Actor1Type1Code"), "GOV");
        assert_eq!(col(1, "Actor1Code"), "TUR");
        assert_eq!(col(1, "Actor2Code"), "RUS");
        assert_eq!(col(0, "IsRootEvent"), "1");
        assert_eq!(col(0, "EventCode"), "0256");
        assert_eq!(col(0, "EventBaseCode"), "025");
        assert_eq!(col(0, "EventRootCode"), "02");
        assert_eq!(col(0, "QuadClass"), "1");
        assert_eq!(col(0, "GoldsteinScale"), "3");
        assert_eq!(col(0, "NumArticles"), "1");
        assert_eq!(col(0, "AvgTone"), "");
        assert_eq!(col(0, "ActionGeo_Type"), "0");
        assert_eq!(col(0, "DATEADDED"), "20220321134510");
        assert_eq!(col(0, "SOURCEURL"), "https://www.voanews.com/a/1.html");
    }
}
