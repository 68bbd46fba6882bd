//! `dyad train`: train a model; same code path as inference and `dyad eval`.

use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Target {
    /// POS tagger (XPOS and UPOS) and lemmatizer from CoNLL-U.
    Tagger(super::nlp_tagger::TrainTaggerArgs),
    /// Dependency parser from CoNLL-U.
    Parser(super::nlp_parser::TrainArgs),
    /// Named-entity recognizer from IOB2.
    Ner(super::nlp_tagger::TrainNerArgs),
}

pub fn run(t: Target) -> anyhow::Result<ExitCode> {
    match t {
        Target::Tagger(a) => super::nlp_tagger::run_train_tagger(a),
        Target::Parser(a) => super::nlp_parser::run_train(a),
        Target::Ner(a) => super::nlp_tagger::run_train_ner(a),
    }
}
