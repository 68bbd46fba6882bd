//! `dyad dict`: look up, count, check and time dictionaries.
//!
//! ```text
//! dyad dict lookup "Volodymyr Zelensky" --date 2022-03-20     # UKRGOV
//! dyad dict stats
//! dyad dict check                                           # exit 1 on errors
//! dyad dict bench --petrarch-dir ../shared/data/petrarch
//! ```
//!
//! By default dyad's own dictionaries are used (`$DYAD_DICTIONARIES`,
//! `./dictionaries`, next to the binary, the source tree, else the copy embedded
//! in the binary); `--dictionaries DIR`, `--petrarch-config PETR_config.ini` or
//! `--petrarch-dir DIR` (the Phoenix set in a folder) choose others.

use anyhow::Context;
use dyad_lexicon::{check, stats, Lexicon, PetrarchFiles, Severity};
use dyad_text::Date;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Prints a line to standard output; a closed pipe (`dyad dict check | head`) ends
/// the command quietly instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e.into());
        }
    };
}

/// Which dictionaries to load.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Source {
    /// A dyad dictionaries folder (default: found like the models, else embedded).
    #[arg(long, value_name = "DIR", global = true)]
    dictionaries: Option<PathBuf>,
    /// PETRARCH dictionaries listed in a PETR_config.ini [Dictionaries] section.
    #[arg(
        long,
        value_name = "FILE",
        global = true,
        conflicts_with = "dictionaries"
    )]
    petrarch_config: Option<PathBuf>,
    /// The PETRARCH Phoenix set (CAMEO.2.0.txt, Phoenix.*.txt) in a folder.
    #[arg(long, value_name = "DIR", global = true, conflicts_with_all = ["dictionaries", "petrarch_config"])]
    petrarch_dir: Option<PathBuf>,
    /// The dictionaries embedded in this binary, whatever is on disk.
    #[arg(long, global = true, conflicts_with_all = ["dictionaries", "petrarch_config", "petrarch_dir"])]
    embedded: bool,
}

impl Source {
    fn describe(&self) -> String {
        if let Some(d) = &self.dictionaries {
            format!("dyad dictionaries in {}", d.display())
        } else if let Some(c) = &self.petrarch_config {
            format!("PETRARCH dictionaries of {}", c.display())
        } else if let Some(d) = &self.petrarch_dir {
            format!("PETRARCH Phoenix set in {}", d.display())
        } else if self.embedded {
            "embedded dyad dictionaries".to_string()
        } else {
            match dyad_lexicon::find_dictionaries_dir() {
                Some(d) => format!("dyad dictionaries in {}", d.display()),
                None => "embedded dyad dictionaries".to_string(),
            }
        }
    }

    fn load(&self) -> anyhow::Result<Lexicon> {
        let lex = if let Some(d) = &self.dictionaries {
            Lexicon::load_dyad(d)?
        } else if let Some(c) = &self.petrarch_config {
            Lexicon::load_petrarch_config(c)?
        } else if let Some(d) = &self.petrarch_dir {
            Lexicon::load_petrarch(&PetrarchFiles::phoenix(d))?
        } else if self.embedded {
            Lexicon::embedded()?
        } else {
            Lexicon::load_default()?
        };
        Ok(lex)
    }
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Print the actor code of a name on a date (else the agent, verb or issue it is).
    Lookup {
        /// A name, noun or verb as written in text ("Volodymyr Zelensky", "foreign minister").
        text: String,
        /// Document date (YYYY-MM-DD): picks date-restricted codes.
        #[arg(long)]
        date: Option<String>,
        /// Also print the matching entries and where they are defined.
        #[arg(long, short)]
        explain: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Counts per dictionary.
    Stats {
        #[command(flatten)]
        source: Source,
    },
    /// Report duplicates, conflicting codes, overlapping date ranges, unknown
    /// CAMEO codes and CAMEO codes without verbs; exit 1 when there are errors.
    Check {
        /// Print errors only (warnings are still counted).
        #[arg(long)]
        errors_only: bool,
        #[command(flatten)]
        source: Source,
    },
    /// Time loading the dictionaries (five runs; release builds measure what users get).
    Bench {
        /// Number of runs.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        #[command(flatten)]
        source: Source,
    },
}

pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Lookup {
            text,
            date,
            explain,
            source,
        } => lookup(&text, date.as_deref(), explain, &source),
        Command::Stats { source } => {
            let lex = source.load()?;
            out!("{}", source.describe());
            out!("{}", stats(&lex));
            if !lex.warnings.is_empty() {
                out!(
                    "({} lines skipped or repaired while loading; `dyad dict check` lists them)",
                    lex.warnings.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            errors_only,
            source,
        } => {
            let lex = source.load()?;
            let report = check(&lex);
            for f in &report.findings {
                if !errors_only || f.severity == Severity::Error {
                    out!("{f}");
                }
            }
            out!(
                "{}: {} errors, {} warnings",
                source.describe(),
                report.errors(),
                report.warnings()
            );
            Ok(if report.errors() > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Bench { runs, source } => {
            let runs = runs.max(1);
            let mut times = Vec::with_capacity(runs);
            let mut lex = None;
            for _ in 0..runs {
                let t = Instant::now();
                lex = Some(source.load()?);
                times.push(t.elapsed());
            }
            times.sort();
            let lex = lex.expect("at least one run");
            out!("{}", source.describe());
            out!(
                "load: min {:.1} ms, median {:.1} ms over {runs} runs ({} actor entries, {} agents, {} verb patterns, {} issue phrases{})",
                times[0].as_secs_f64() * 1e3,
                times[runs / 2].as_secs_f64() * 1e3,
                lex.actors.len(),
                lex.agents.len(),
                lex.verbs.patterns.len(),
                lex.issues.len(),
                if cfg!(debug_assertions) {
                    "; debug build: use --release for real figures"
                } else {
                    ""
                }
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn lookup(
    text: &str,
    date: Option<&str>,
    explain: bool,
    source: &Source,
) -> anyhow::Result<ExitCode> {
    let date: Option<Date> = date
        .map(|d| d.parse().with_context(|| format!("--date {d}")))
        .transpose()?;
    let lex = source.load()?;
    // 1. the whole text as an actor name
    let ids = lex.actors.lookup(text);
    if !ids.is_empty() {
        match ids
            .iter()
            .find_map(|&id| lex.actors.entry(id).code_at(date))
        {
            Some(code) => out!("{code}"),
            None => out!("-"),
        }
        if explain {
            for &id in &ids {
                let e = lex.actors.entry(id);
                let codes: Vec<String> = e.codes.iter().map(|c| c.to_string()).collect();
                out!(
                    "  actor {:?} [{}] {} ({})",
                    e.root(),
                    codes.join(" "),
                    e.origin,
                    e.kind.as_str()
                );
            }
        }
        return Ok(
            if ids
                .iter()
                .any(|&id| lex.actors.entry(id).code_at(date).is_some())
            {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            },
        );
    }
    let mut found = false;
    // 2. an agent noun
    if let Some(a) = lex.agents.lookup(text) {
        out!("agent {}", a.code);
        if explain {
            out!("  {:?} {}", a.noun, a.origin);
        }
        found = true;
    }
    // 3. a verb (lemma or surface form)
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() == 1 {
        for c in lex.verbs.candidates(words[0], words[0]) {
            out!(
                "verb {} ({}): {} ({} patterns)",
                c.verb.lemma,
                c.group.name,
                c.verb.code.as_deref().unwrap_or("---"),
                c.patterns.len()
            );
            if explain {
                out!("  {}", c.verb.origin);
                for p in c.patterns.iter().take(20) {
                    out!(
                        "  {}{} -> {}",
                        if p.negative { "not " } else { "" },
                        p.text,
                        p.code.code.as_deref().unwrap_or("---")
                    );
                }
            }
            found = true;
        }
    }
    // 4. actor names, agents and issues inside the text
    let tokens: Vec<&str> = words.clone();
    for m in lex.actors.find_mentions(&tokens) {
        let name = tokens[m.start..m.end].join(" ");
        let code = lex
            .actors
            .code_for_mention(&m, date)
            .map(|c| c.0)
            .unwrap_or("-");
        out!("actor {code} <- {name:?}");
        found = true;
    }
    for (issue, n) in lex.issues.issues_in(&tokens) {
        out!("issue {issue} ({n})");
        found = true;
    }
    if !found {
        eprintln!(
            "dyad: {text:?} is not in the dictionaries ({})",
            source.describe()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
