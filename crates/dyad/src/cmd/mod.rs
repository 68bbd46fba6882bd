//! One module per subcommand. `eval` and `train` dispatch to the component modules.

pub mod code;
pub mod dict;
pub mod eval;
pub mod nlp_parser;
pub mod nlp_tagger;
pub mod parse;
pub mod tokenize;
pub mod train;
pub mod validate;
