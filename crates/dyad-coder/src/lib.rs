//! The coder: clauses of analysed sentences become events.

pub mod record;
