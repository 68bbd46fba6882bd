//! Tagger, lemmatizer and NER commands (being built; issue 3).
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EvalTaggerArgs {}
#[derive(clap::Args)]
pub struct EvalNerArgs {}
#[derive(clap::Args)]
pub struct TrainTaggerArgs {}
#[derive(clap::Args)]
pub struct TrainNerArgs {}

pub fn run_eval_tagger(_a: EvalTaggerArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn run_eval_ner(_a: EvalNerArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn run_train_tagger(_a: TrainTaggerArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
pub fn run_train_ner(_a: TrainNerArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
