//! Date-aware leader lookups over dyad's own dictionaries (`dictionaries/actors`), and
//! `dyad dict check` cleanliness of the actor, agent and issue files.
//!
//! The dictionaries are part of the repository, so these tests need nothing from
//! `../shared`.

use dyad_lexicon::{check, Lexicon, Severity};
use std::path::PathBuf;
use std::sync::OnceLock;

fn dictionaries() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries")
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::load_dyad(&dictionaries()).expect("our dictionaries load"))
}

/// The code `name` gets on `date` (`None`: a lookup without a date).
fn code(name: &str, date: Option<&str>) -> Option<String> {
    let date = date.map(|d| d.parse().expect("a valid test date"));
    lexicon()
        .actors
        .code_for_name(name, date)
        .map(str::to_string)
}

/// (name as written in news, document date, expected code).
const SAMPLE: &[(&str, &str, &str)] = &[
    // Ukraine
    ("Volodymyr Zelensky", "2022-03-20", "UKRGOV"),
    ("Zelenskyy", "2025-11-20", "UKRGOV"),
    ("Zelensky", "2018-06-01", "UKRELI"),
    ("Petro Poroshenko", "2016-01-10", "UKRGOV"),
    ("Poroshenko", "2021-01-10", "UKROPP"),
    ("Dmytro Kuleba", "2023-05-01", "UKRGOV"),
    ("Dmytro Kuleba", "2025-01-01", "UKRELI"),
    ("Rustem Umerov", "2020-01-01", "UKRLEG"),
    ("Rustem Umerov", "2024-01-01", "UKRGOV"),
    ("Andriy Yermak", "2022-04-01", "UKRGOV"),
    // Russia: Putin was FSB director, then prime minister and president.
    ("Vladimir Putin", "1999-01-15", "RUSSPY"),
    ("Vladimir Putin", "2010-06-01", "RUSGOV"),
    ("Putin", "2025-08-15", "RUSGOV"),
    ("Sergey Lavrov", "2022-03-20", "RUSGOV"),
    ("Sergei Lavrov", "2004-03-09", "RUSGOV"),
    ("Dmitry Medvedev", "2009-01-01", "RUSGOV"),
    ("Yevgeny Prigozhin", "2023-06-24", "RUSUAFWAG"),
    // United States: Biden senator -> vice-president -> former -> president -> former.
    ("Joe Biden", "2005-01-01", "USALEG"),
    ("Joe Biden", "2012-01-01", "USAGOV"),
    ("Joe Biden", "2019-01-01", "USAELI"),
    ("Joe Biden", "2023-01-01", "USAGOV"),
    ("Joe Biden", "2025-06-01", "USAELI"),
    ("Donald Trump", "2018-01-01", "USAGOV"),
    ("Donald Trump", "2023-01-01", "USAELI"),
    ("Trump", "2025-03-01", "USAGOV"),
    ("Marco Rubio", "2020-01-01", "USALEG"),
    ("Marco Rubio", "2025-06-01", "USAGOV"),
    ("Lloyd Austin", "2015-01-01", "USAMIL"),
    ("Lloyd Austin", "2022-01-01", "USAGOV"),
    ("Antony Blinken", "2023-01-01", "USAGOV"),
    ("Steve Witkoff", "2025-04-11", "USAGOV"),
    // Europe and international organisations
    ("Keir Starmer", "2022-01-01", "GBROPP"),
    ("Keir Starmer", "2025-01-01", "GBRGOV"),
    ("Rishi Sunak", "2023-06-01", "GBRGOV"),
    ("Emmanuel Macron", "2022-04-01", "FRAGOV"),
    ("Friedrich Merz", "2025-06-01", "DEUGOV"),
    ("Olaf Scholz", "2023-01-01", "DEUGOV"),
    ("Olaf Scholz", "2025-06-01", "DEUELI"),
    ("Donald Tusk", "2016-01-01", "IGOEUREEC"),
    ("Donald Tusk", "2024-01-01", "POLGOV"),
    ("Mark Rutte", "2020-01-01", "NLDGOV"),
    ("Mark Rutte", "2025-06-24", "IGOWSTNAT"),
    ("Jens Stoltenberg", "2022-06-29", "IGOWSTNAT"),
    ("Ursula von der Leyen", "2022-02-27", "IGOEUREEC"),
    ("Kaja Kallas", "2022-02-27", "ESTGOV"),
    ("Kaja Kallas", "2025-02-27", "IGOEUREEC"),
    ("Antonio Guterres", "2023-10-18", "IGOUNO"),
    // Middle East
    ("Benjamin Netanyahu", "2022-01-01", "ISROPP"),
    ("Benjamin Netanyahu", "2024-01-01", "ISRGOV"),
    ("Naftali Bennett", "2021-12-01", "ISRGOV"),
    ("Benny Gantz", "2013-01-01", "ISRMIL"),
    ("Mahmoud Abbas", "2024-01-01", "PSEGOV"),
    ("Ismail Haniyeh", "2006-06-01", "PSEGOV"),
    ("Ismail Haniyeh", "2023-11-01", "PSEINSHMS"),
    ("Yahya Sinwar", "2023-10-07", "PSEINSHMS"),
    ("Ebrahim Raisi", "2020-01-01", "IRNJUD"),
    ("Ebrahim Raisi", "2022-01-01", "IRNGOV"),
    ("Masoud Pezeshkian", "2025-01-01", "IRNGOV"),
    ("Ali Khamenei", "2025-06-20", "IRNGOV"),
    ("Ahmed al-Sharaa", "2023-01-01", "SYRINSHTS"),
    ("Ahmed al-Sharaa", "2025-05-14", "SYRGOV"),
    ("Bashar al-Assad", "2015-01-01", "SYRGOV"),
    ("Joseph Aoun", "2020-01-01", "LBNMIL"),
    ("Joseph Aoun", "2025-03-01", "LBNGOV"),
    ("Hakan Fidan", "2015-01-01", "TURSPY"),
    ("Hakan Fidan", "2024-01-01", "TURGOV"),
    ("Recep Tayyip Erdogan", "2010-01-01", "TURGOV"),
    ("Mohammed bin Salman", "2023-01-01", "SAUGOV"),
    ("Abdel Fattah el-Sisi", "2020-01-01", "EGYGOV"),
    // Asia, Africa, Americas
    ("Xi Jinping", "2020-01-01", "CHNGOV"),
    ("Narendra Modi", "2020-01-01", "INDGOV"),
    ("Hibatullah Akhundzada", "2020-01-01", "AFGINSTAL"),
    ("Hibatullah Akhundzada", "2022-01-01", "AFGGOV"),
    ("Yoon Suk Yeol", "2020-01-01", "KORJUD"),
    ("Yoon Suk Yeol", "2023-01-01", "KORGOV"),
    ("Lee Jae-myung", "2025-07-01", "KORGOV"),
    ("Kim Jong Un", "2018-06-12", "PRKGOV"),
    ("Mohamed Hamdan Dagalo", "2021-01-01", "SDNGOV"),
    ("Hemedti", "2024-01-01", "SDNREBRSF"),
    ("Abdel Fattah al-Burhan", "2024-01-01", "SDNGOV"),
    ("Mikheil Saakashvili", "2016-01-01", "UKRGOV"),
    ("Mikheil Saakashvili", "2010-01-01", "GEOGOV"),
    ("Lula", "2024-01-01", "BRAGOV"),
    ("Jair Bolsonaro", "2024-01-01", "BRAOPP"),
    ("Javier Milei", "2024-06-01", "ARGGOV"),
    ("Claudia Sheinbaum", "2025-01-01", "MEXGOV"),
    // foreign and defence ministers 2012-2020 kept by hand (the generated part stops in 2011)
    ("Roberta Pinotti", "2016-01-01", "ITAGOV"),
    ("Yun Byung-se", "2015-01-01", "KORGOV"),
    ("Yun Byung-se", "2019-01-01", "KORELI"),
    ("Shah Mehmood Qureshi", "2020-01-01", "PAKGOV"),
    ("Sedki Sobhi", "2013-01-01", "EGYMIL"),
    ("Sedki Sobhi", "2016-01-01", "EGYGOV"),
    ("Frans Timmermans", "2013-06-01", "NLDGOV"),
    ("Frans Timmermans", "2020-06-01", "IGOEUREEC"),
    ("Ibrahim al-Jaafari", "2005-06-01", "IRQGOV"),
    ("Ibrahim al-Jaafari", "2010-06-01", "IRQELI"),
    ("Ibrahim al-Jaafari", "2016-06-01", "IRQGOV"),
];

#[test]
fn leaders_across_dates() {
    let mut wrong = Vec::new();
    for &(name, date, want) in SAMPLE {
        let got = code(name, Some(date));
        if got.as_deref() != Some(want) {
            wrong.push(format!("{name} on {date}: want {want}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "wrong codes:\n{}", wrong.join("\n"));
    let people: std::collections::BTreeSet<&str> = SAMPLE.iter().map(|s| s.0).collect();
    assert!(
        people.len() >= 30,
        "the sample covers {} names",
        people.len()
    );
}

#[test]
fn codes_change_across_dates() {
    // Biden: legislator, government, former official, government, former official.
    let biden: Vec<String> = [
        "2005-01-01",
        "2012-01-01",
        "2019-01-01",
        "2023-01-01",
        "2025-06-01",
    ]
    .iter()
    .map(|d| code("Biden", Some(d)).unwrap())
    .collect();
    assert_eq!(biden, ["USALEG", "USAGOV", "USAELI", "USAGOV", "USAELI"]);
    // The Taliban as a group: insurgents, then the government of Afghanistan.
    assert_eq!(
        code("Taliban", Some("2019-02-25")).as_deref(),
        Some("AFGINSTAL")
    );
    assert_eq!(
        code("Taliban", Some("2023-02-25")).as_deref(),
        Some("AFGGOV")
    );
    // Sudan's RSF: a state force until the war, then rebels.
    assert_eq!(
        code("Rapid Support Forces", Some("2020-01-01")).as_deref(),
        Some("SDNMIL")
    );
    assert_eq!(
        code("RSF", Some("2024-01-01")).as_deref(),
        Some("SDNREBRSF")
    );
}

#[test]
fn lookups_without_a_date_give_the_latest_office() {
    assert_eq!(code("Volodymyr Zelensky", None).as_deref(), Some("UKRGOV"));
    assert_eq!(code("Kaja Kallas", None).as_deref(), Some("IGOEUREEC"));
    assert_eq!(code("Olaf Scholz", None).as_deref(), Some("DEUELI"));
}

#[test]
fn generated_leaders_from_the_sources() {
    // From people.generated.txt (CountryInfo and REIGN), not from the hand-kept file.
    assert_eq!(
        code("Gordon Brown", Some("2008-01-01")).as_deref(),
        Some("GBRGOV")
    );
    assert_eq!(
        code("Gordon Brown", Some("2015-01-01")).as_deref(),
        Some("GBRELI")
    );
    assert_eq!(
        code("Angela Merkel", Some("2010-01-01")).as_deref(),
        Some("DEUGOV")
    );
    assert_eq!(
        code("Condoleezza Rice", Some("2006-01-01")).as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code("Silvio Berlusconi", Some("2009-01-01")).as_deref(),
        Some("ITAGOV")
    );
}

#[test]
fn places_and_organisations() {
    assert_eq!(code("Kremlin", None).as_deref(), Some("RUSGOV"));
    assert_eq!(code("Kyiv", None).as_deref(), Some("UKRGOV"));
    assert_eq!(code("Ukrainians", None).as_deref(), Some("UKR"));
    assert_eq!(code("Pentagon", None).as_deref(), Some("USAMIL"));
    assert_eq!(code("NATO", None).as_deref(), Some("IGOWSTNAT"));
    assert_eq!(code("Hamas", None).as_deref(), Some("PSEINSHMS"));
    assert_eq!(code("Crimea", None).as_deref(), Some("UKR"));
    assert_eq!(code("U.S.", None).as_deref(), Some("USA"));
    // An acronym in capitals does not match the pronoun.
    let actors = &lexicon().actors;
    assert!(actors.find_mentions(&["Let", "us", "talk"]).is_empty());
    let m = actors.find_mentions(&["US", "forces", "left"]);
    assert_eq!(m.len(), 1);
    assert_eq!(actors.entry(m[0].entries[0]).code_at(None), Some("USA"));
}

#[test]
fn our_files_pass_dict_check() {
    let report = check(lexicon());
    let ours =
        |f: &str| f.contains("actors/") || f.ends_with("agents.txt") || f.ends_with("issues.txt");
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| f.origin.as_ref().is_some_and(|o| ours(&o.file)))
        .map(|f| f.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "dict check errors:\n{}",
        errors.join("\n")
    );
}

#[test]
fn counts_reach_the_targets() {
    let lex = lexicon();
    let stats = dyad_lexicon::stats(lex);
    assert!(stats.agents >= 300, "agents: {}", stats.agents);
    assert!(stats.issues >= 10, "issues: {}", stats.issues);
    let people: std::collections::BTreeSet<&str> = lex
        .actors
        .entries
        .iter()
        .filter(|e| e.origin.file.contains("people"))
        .flat_map(|e| e.codes.iter())
        .map(|c| &c.code[..3])
        .filter(|c| !["IGO", "NGO", "IMG"].contains(c))
        .collect();
    assert!(
        people.len() >= 60,
        "countries with people: {}",
        people.len()
    );
}
