//! End-to-end tests of `dyad code`: the built binary on the bundled samples, on bad
//! input made in a temporary folder, and on `--stdin` streaming.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn dyad() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dyad"));
    // Run from the repository root, where models/ and dictionaries/ are.
    c.current_dir(repo());
    c
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    dyad().args(args).output().expect("run dyad")
}

/// Every stdout line parsed; fails unless each is a JSON object with `"record"`
/// and `"schema": 1`.
fn records(out: &Output) -> Vec<Value> {
    let stdout = String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8");
    stdout
        .lines()
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
            assert!(v["record"].is_string(), "no record kind: {l}");
            assert_eq!(v["schema"], 1, "{l}");
            v
        })
        .collect()
}

fn errors(recs: &[Value]) -> Vec<(String, String)> {
    recs.iter()
        .filter(|r| r["record"] == "error")
        .map(|r| {
            (
                r["doc_id"].as_str().unwrap().to_string(),
                r["error"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The summary line's counts: (documents, events, errors).
fn summary(out: &Output) -> (u64, u64, u64) {
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.starts_with("dyad code: "))
        .unwrap_or_else(|| panic!("no summary line in stderr:\n{err}"));
    let nums: Vec<u64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums[0], nums[1], nums[2])
}

#[test]
fn codes_the_samples_into_valid_jsonl() {
    let out = run(&["code", "samples/"]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let recs = records(&out);
    assert!(errors(&recs).is_empty(), "{:?}", errors(&recs));
    let (docs, events, errs) = summary(&out);
    assert_eq!((docs, errs), (5, 0), "{}", stderr(&out));
    let event_lines = recs.iter().filter(|r| r["record"] == "event").count() as u64;
    assert_eq!(event_lines, events);
    for ev in recs.iter().filter(|r| r["record"] == "event") {
        // Events name a sample and carry the date from its file name.
        let id = ev["doc_id"].as_str().unwrap();
        assert!(
            repo().join("samples").join(format!("{id}.txt")).exists(),
            "{id}"
        );
        assert_eq!(ev["date"].as_str().unwrap(), &id[..10]);
    }
}

#[test]
fn output_formats_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("events.csv");
    let out = run(&[
        "code",
        "samples/",
        "--format-out",
        "csv",
        "-o",
        csv.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("doc_id,sentence,date,source_code,"),
        "{text}"
    );
    // Parquet: a whole file, "PAR1" at both ends (the writer's own tests read it back).
    let parquet = dir.path().join("events.parquet");
    let out = run(&[
        "code",
        "samples/",
        "--format-out",
        "parquet",
        "-o",
        parquet.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = std::fs::read(&parquet).unwrap();
    assert!(bytes.len() > 1000 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    for fmt in ["gdelt", "plover", "jsonl"] {
        let out = run(&["code", "samples/", "--format-out", fmt, "-q"]);
        assert_eq!(out.status.code(), Some(0), "{fmt}: {}", stderr(&out));
        if fmt == "gdelt" {
            let s = String::from_utf8(out.stdout).unwrap();
            assert!(s.lines().all(|l| l.split('\t').count() == 61), "{s}");
        }
    }
}

#[test]
fn bad_documents_become_error_records_and_the_rest_is_coded() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = "Ukraine and Russia resumed peace talks in Istanbul on Tuesday.\n";
    std::fs::write(d.join("01-good.txt"), good).unwrap();
    std::fs::write(d.join("02-badutf8.txt"), b"Talks \xff\xfe resumed.").unwrap();
    std::fs::write(d.join("03-nul.txt"), b"Talks\0resumed.").unwrap();
    std::fs::write(d.join("04-empty.txt"), b"   \n").unwrap();
    std::fs::write(d.join("05-big.txt"), "Talks resumed. ".repeat(200)).unwrap();
    std::fs::write(
        d.join("06-docs.jsonl"),
        "{\"id\":\"j1\",\"date\":\"2022-03-29\",\"text\":\"Talks resumed.\"}\n{\"id\":\"j2\",\"text\":\n{\"id\":\"j3\",\"text\":\"Talks ended.\"}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("07-broken.xml"),
        "<Sentences>\n<Sentence id=\"x1\" date=\"20220329\"><Text>Talks resumed.</Text></Sentence>\n<Sentence id=\"x2\"><Text>Cut</Sentences>\n",
    )
    .unwrap();
    std::fs::write(d.join("08-good.txt"), good).unwrap();

    let out = run(&["code", d.to_str().unwrap(), "--max-bytes", "1000"]);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{}", stderr(&out));
    let recs = records(&out);
    let errs = errors(&recs);
    let find = |id: &str| {
        errs.iter()
            .find(|(d, _)| d.ends_with(id))
            .unwrap_or_else(|| panic!("no error for {id} in {errs:?}"))
            .1
            .clone()
    };
    assert!(find("02-badutf8").contains("invalid UTF-8 at byte 6"));
    assert!(find("03-nul").contains("NUL byte"));
    assert_eq!(find("04-empty"), "empty document");
    assert!(find("05-big").contains("over the limit of 1000 bytes"));
    assert!(find("06-docs.jsonl:2").starts_with("malformed JSON"));
    assert!(find("07-broken.xml").starts_with("malformed XML"));
    assert_eq!(errs.len(), 6, "{errs:?}");
    // Coded: the two good files, j1, j3 and x1 (before the XML fault).
    let (docs, _events, n_err) = summary(&out);
    assert_eq!((docs, n_err), (5, 6), "{}", stderr(&out));
    // Each error is also one line on stderr.
    let err_lines = stderr(&out)
        .lines()
        .filter(|l| l.starts_with("dyad: error: "))
        .count();
    assert_eq!(err_lines, 6, "{}", stderr(&out));
}

#[test]
fn a_50_mb_one_line_document_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let line = "Negotiators met again in Istanbul and agreed to meet again. ".repeat(850_000);
    assert!(line.len() > 50_000_000);
    std::fs::write(&big, &line).unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "Talks resumed on Monday.").unwrap();
    let t = Instant::now();
    let out = run(&["code", big.to_str().unwrap(), small.to_str().unwrap()]);
    assert!(t.elapsed() < Duration::from_secs(30), "{:?}", t.elapsed());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errs = errors(&records(&out));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "big");
    assert!(
        errs[0].1.contains("over the limit of 20971520 bytes"),
        "{errs:?}"
    );
    assert_eq!(summary(&out).0, 1);

    // The same as one JSONL line on standard input.
    let mut child = dyad()
        .args(["code", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let body = serde_json::to_string(&serde_json::json!({"id": "huge", "text": line})).unwrap();
    let writer = std::thread::spawn(move || {
        stdin.write_all(body.as_bytes()).unwrap();
        stdin
            .write_all(b"\n{\"id\":\"after\",\"text\":\"Talks resumed.\"}\n")
            .unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let errs = errors(&records(&out));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "huge");
    assert_eq!(summary(&out), (1, summary(&out).1, 1));
}

#[test]
fn stdin_streams_each_line_before_reading_the_next() {
    let mut child = dyad()
        .args(["code", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // A malformed line gives an error record at once, while stdin is still open:
    // nothing waits for the end of the input.
    stdin.write_all(b"{not json\n").unwrap();
    stdin.flush().unwrap();
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("no output for the first line while stdin stays open");
    let v: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["record"], "error");
    assert_eq!(v["doc_id"], "stdin:1");
    // Then a good document and an empty one: output keeps input order.
    stdin
        .write_all(b"{\"id\":\"ok\",\"date\":\"2022-03-29\",\"text\":\"Russia and Ukraine met in Istanbul.\"}\n{\"id\":\"blank\",\"text\":\"\"}\n")
        .unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let rest: Vec<Value> = rx
        .iter()
        .map(|l| serde_json::from_str(&l).unwrap())
        .collect();
    let last = rest.last().expect("an error record for the empty document");
    assert_eq!(last["record"], "error");
    assert_eq!(last["doc_id"], "blank");
    assert!(rest[..rest.len() - 1].iter().all(|r| r["doc_id"] == "ok"));
    assert_eq!(status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["code"],
        vec!["code", "/nonexistent/path"],
        vec!["code", "--stdin", "samples/"],
        vec!["code", "--stdin", "--format-out", "parquet"],
        vec!["code", "samples/", "--max-bytes", "lots"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
}

#[test]
fn a_closed_output_pipe_ends_quietly() {
    // `dyad parse text | head -1`: the reader goes away after one line, while more
    // CoNLL-U than a pipe holds (64 KiB) is still to come. Unix tools end quietly on
    // SIGPIPE; without that, the next write fails ("Broken pipe") or println! panics.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for entry in std::fs::read_dir(repo().join("samples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            text += &std::fs::read_to_string(&path).unwrap();
            text += "\n\n";
        }
    }
    let file = dir.path().join("all.txt");
    std::fs::write(&file, &text).unwrap();
    let mut child = dyad()
        .args(["parse", file.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dyad");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("# newdoc"), "{first}");
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.trim().is_empty(), "{err}");
}

#[test]
fn help_states_the_exit_codes() {
    let out = run(&["code", "--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("1 when some documents failed"), "{help}");
    assert!(help.contains("--max-bytes"));
}
