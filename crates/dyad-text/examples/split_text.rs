//! Prints the sentences and tokens of the text on stdin, one sentence a line with
//! tokens separated by " | ": `echo "Mr. Smith left. He ..." | cargo run -p dyad-text --example split_text`.
use std::io::Read;
fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("stdin: {e}");
        std::process::exit(1);
    }
    if std::env::var_os("EXPLAIN").is_some() {
        dyad_text::boundary::explain(&text);
    }
    for s in dyad_text::segment(&text) {
        let forms: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        println!("{}", forms.join(" | "));
    }
}
