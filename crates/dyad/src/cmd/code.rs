//! `dyad code`: documents in, event records out.
//!
//! Reads documents (dyad-io readers), codes them with one shared [`Coder`] on a rayon
//! pool in batches, and writes the records in input order (dyad-io writers). A
//! document that cannot be read or coded becomes an error record (in JSONL output)
//! and one line on stderr; the batch goes on. `--stdin` codes one JSONL line at a
//! time and flushes its output before reading the next, so stream engines (Spark's
//! `rdd.pipe`) can drive it.

use anyhow::{bail, Context};
use dyad_coder::{CodedDocument, Coder, CoderOptions};
use dyad_io::read::{jsonl_documents, read_paths, Format, ReadOptions};
use dyad_io::write::{writer_for, Emit, EventWriter, OutputFormat};
use dyad_io::{parse_byte_size, InputError};
use dyad_text::Document;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Documents coded together in one parallel batch (also bounded by [`BATCH_BYTES`]).
const BATCH_DOCS: usize = 256;
/// Text bytes in one batch, so a batch of huge documents stays within memory.
const BATCH_BYTES: usize = 64 << 20;

const AFTER_HELP: &str = "\
Input: a file's extension picks its reader (.jsonl/.json: one JSON document a line
{\"id\",\"date\",\"text\"}; .xml: PETRARCH <Sentence id date><Text>; .csv: a header with a
\"text\" column; anything else: one plain-text document per file). Folders are read
recursively in sorted order (.txt, extension-less, .jsonl, .xml and .csv files).

Bad input never stops the batch: invalid UTF-8, NUL bytes, empty documents, documents
over --max-bytes, malformed JSONL lines and broken XML each become an error record
({\"record\":\"error\",\"doc_id\",\"error\"} in JSONL output) and one line on stderr.

Exit status: 0 when every document was coded; 1 when some documents failed (see the
error records); 2 on a usage or setup error (bad options, missing input path,
unloadable models or dictionaries, unwritable output).

Examples:
  dyad code samples/
  dyad code news.jsonl --format-out gdelt -o events.tsv
  dyad code news.jsonl --format-out parquet -o events.parquet
  cat docs.jsonl | dyad code --stdin --emit events";

/// Code documents into event records.
#[derive(clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Files or folders to code (text, JSONL, PETRARCH XML or CSV).
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,
    /// Read JSONL documents from standard input, one a line, writing each document's
    /// records (and flushing) before reading the next line.
    #[arg(long)]
    stdin: bool,
    /// Input format instead of guessing from the extension: text, jsonl, xml, csv.
    #[arg(long, value_name = "FORMAT", value_parser = Format::parse)]
    format: Option<Format>,
    /// Output format: jsonl (dyad records), csv (one row per event), gdelt (GDELT 2.0
    /// event TSV), plover (PLOVER JSON lines) or parquet (the CSV columns, typed; needs
    /// --output or a redirected standard output, and not --stdin).
    #[arg(long = "format-out", value_name = "FORMAT", default_value = "jsonl", value_parser = OutputFormat::parse)]
    format_out: OutputFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Folder with the trained NLP models (default: models/ and the default places).
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// Folder with PETRARCH-format dictionaries to use instead of dyad's own.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
    /// One event per source/target pair for compound actors (as PETRARCH does).
    #[arg(long)]
    expand_compounds: bool,
    /// Record kinds to write in JSONL output (errors are always written).
    #[arg(long, value_name = "KINDS", default_value = "events,attributions,actors", value_parser = Emit::parse)]
    emit: Emit,
    /// Worker threads (default: one per core). --stdin codes one line at a time.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Refuse documents larger than this (an error record, not a crash): bytes, or
    /// with a k/M/G suffix.
    #[arg(long, value_name = "SIZE", default_value = "20M", value_parser = parse_byte_size)]
    max_bytes: usize,
    /// No progress bar and no summary line on stderr (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
}

/// Running totals for the summary line.
#[derive(Default)]
struct Tally {
    documents: u64,
    events: u64,
    errors: u64,
}

/// Where records go, plus the stderr side (progress bar, error lines).
struct Sink {
    writer: Box<dyn EventWriter + Send>,
    progress: Option<ProgressBar>,
    tally: Tally,
}

impl Sink {
    fn report_error(&mut self, e: &InputError) -> io::Result<()> {
        self.tally.errors += 1;
        let line = format!("dyad: error: {e}");
        match &self.progress {
            Some(pb) => pb.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
        self.writer.write_error(&e.to_record())
    }

    fn write(&mut self, result: Result<(Document, CodedDocument), InputError>) -> io::Result<()> {
        match result {
            Ok((doc, coded)) => {
                self.tally.documents += 1;
                self.tally.events += coded.events.len() as u64;
                self.writer.write_document(&doc, &coded)?;
            }
            Err(e) => self.report_error(&e)?,
        }
        if let Some(pb) = &self.progress {
            pb.inc(1);
        }
        Ok(())
    }
}

/// Codes one document; a panic inside the coder becomes an error for that
/// document instead of ending the run.
fn code_one(coder: &Coder, doc: Document) -> Result<(Document, CodedDocument), InputError> {
    match catch_unwind(AssertUnwindSafe(|| coder.code_document(&doc))) {
        Ok(coded) => Ok((doc, coded)),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(InputError::new(
                doc.id,
                format!("internal error while coding (please report): {what}"),
            ))
        }
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if a.stdin && !a.paths.is_empty() {
        bail!("give either PATHS or --stdin, not both");
    }
    if !a.stdin && a.paths.is_empty() {
        bail!("nothing to code: give files or folders, or --stdin (see `dyad code --help`)");
    }
    if a.stdin && a.format.is_some_and(|f| f != Format::Jsonl) {
        bail!(
            "--stdin reads JSONL documents only (one {{\"id\",\"date\",\"text\"}} object a line)"
        );
    }
    if !a.format_out.is_streamable() {
        if a.stdin {
            bail!("--stdin streams one document's records at a time; parquet is a file written whole: use jsonl, csv, gdelt or plover with --stdin");
        }
        if a.output.is_none() && io::stdout().is_terminal() {
            bail!("parquet is binary: give --output FILE (or redirect standard output)");
        }
    }
    for p in &a.paths {
        if !p.exists() {
            bail!("no such file or folder: {}", p.display());
        }
    }
    if a.threads == Some(0) {
        bail!("--threads must be at least 1");
    }

    let options = CoderOptions {
        models_dir: a.models.clone(),
        dictionaries_dir: a.dictionaries.clone(),
        expand_compounds: a.expand_compounds,
        ..Default::default()
    };
    let coder = Coder::new(&options).map_err(|e| anyhow::anyhow!("cannot build the coder: {e}"))?;

    let out: Box<dyn Write + Send> = match &a.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        ),
        None => Box::new(io::stdout()),
    };
    let progress = (!a.quiet && io::stderr().is_terminal()).then(|| {
        let pb = ProgressBar::new_spinner();
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} documents coded [{elapsed}] {msg}")
        {
            pb.set_style(style);
        }
        pb.enable_steady_tick(Duration::from_millis(150));
        pb
    });
    let mut sink = Sink {
        writer: writer_for(a.format_out, out, a.emit),
        progress,
        tally: Tally::default(),
    };
    let read_opts = ReadOptions {
        format: a.format,
        max_bytes: a.max_bytes,
    };

    let start = Instant::now();
    let outcome = if a.stdin {
        code_stream(&coder, &read_opts, &mut sink)
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(a.threads.unwrap_or(0))
            .build()
            .context("cannot start worker threads")?;
        let docs = read_paths(&a.paths, &read_opts);
        pool.install(|| code_batches(&coder, docs, &mut sink))
    };
    let outcome = outcome.and_then(|()| sink.writer.finish());
    if let Some(pb) = &sink.progress {
        pb.finish_and_clear();
    }
    match outcome {
        Ok(()) => {}
        // The reader went away (`dyad code ... | head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(anyhow::Error::new(e).context("cannot write the output")),
    }

    let secs = start.elapsed().as_secs_f64();
    if !a.quiet {
        let t = &sink.tally;
        eprintln!(
            "dyad code: {} documents, {} events, {} errors in {:.2} s ({:.1} docs/s)",
            t.documents,
            t.events,
            t.errors,
            secs,
            t.documents as f64 / secs.max(1e-9)
        );
    }
    Ok(if sink.tally.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--stdin`: one line in, its records out and flushed, then the next line.
fn code_stream(coder: &Coder, opts: &ReadOptions, sink: &mut Sink) -> io::Result<()> {
    let stdin = io::stdin().lock();
    for item in jsonl_documents(stdin, "stdin", opts) {
        let result = item.and_then(|doc| code_one(coder, doc));
        sink.write(result)?;
        sink.writer.flush()?;
    }
    Ok(())
}

/// Files and folders: batches coded in parallel, written in input order.
fn code_batches(
    coder: &Coder,
    mut docs: impl Iterator<Item = Result<Document, InputError>>,
    sink: &mut Sink,
) -> io::Result<()> {
    loop {
        let mut batch = Vec::with_capacity(BATCH_DOCS);
        let mut bytes = 0;
        for item in docs.by_ref() {
            if let Ok(d) = &item {
                bytes += d.text.len();
            }
            batch.push(item);
            if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
                break;
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        // `collect` on an indexed parallel iterator keeps input order.
        let results: Vec<_> = batch
            .into_par_iter()
            .map(|item| item.and_then(|doc| code_one(coder, doc)))
            .collect();
        for r in results {
            sink.write(r)?;
        }
    }
}
