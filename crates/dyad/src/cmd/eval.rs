//! `dyad eval`: accuracy against gold files.

use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Target {
    /// Sentence and token boundaries against a CoNLL-U file (prints sentence_f1, token_f1).
    Tokenize(super::tokenize::EvalArgs),
    /// Tagger and lemmatizer against a CoNLL-U file (prints xpos_accuracy, upos_accuracy, lemma_accuracy).
    Tagger(super::nlp_tagger::EvalTaggerArgs),
    /// Dependency parser against a CoNLL-U file (prints uas, las).
    Parser(super::nlp_parser::EvalArgs),
    /// Named-entity recognizer against an IOB2 file (prints ner_f1).
    Ner(super::nlp_tagger::EvalNerArgs),
}

pub fn run(t: Target) -> anyhow::Result<ExitCode> {
    match t {
        Target::Tokenize(a) => super::tokenize::run_eval(a),
        Target::Tagger(a) => super::nlp_tagger::run_eval_tagger(a),
        Target::Parser(a) => super::nlp_parser::run_eval(a),
        Target::Ner(a) => super::nlp_tagger::run_eval_ner(a),
    }
}
