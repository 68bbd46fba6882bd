//! Errors that name the file and line where a dictionary went wrong.

use std::fmt;

/// A problem in a dictionary file: which file, which line (1-based; 0 when the
/// problem concerns the whole file, such as a file that cannot be read), and what.
///
/// ```
/// use dyad_lexicon::LexiconError;
/// let e = LexiconError::new("actors/people.txt", 12, "date range ends before it starts");
/// assert_eq!(e.to_string(), "actors/people.txt:12: date range ends before it starts");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file as it was given to the reader (a path or a name such as `<inline>`).
    pub file: String,
    /// 1-based line number; 0 for whole-file problems.
    pub line: usize,
    /// What is wrong, in words a dictionary editor understands.
    pub message: String,
}

impl LexiconError {
    /// An error at `file:line`.
    pub fn new(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        LexiconError {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for LexiconError {}

/// Where an entry was read from, kept so `dyad dict check` and the coder's
/// evidence can point back to the dictionary line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file, as given to the reader.
    pub file: std::sync::Arc<str>,
    /// 1-based line number.
    pub line: u32,
}

impl Origin {
    /// Line `line` (1-based) of `file`.
    pub fn at(file: &std::sync::Arc<str>, line: usize) -> Origin {
        Origin {
            file: file.clone(),
            line: line as u32,
        }
    }

    /// An error at this origin.
    pub fn error(&self, message: impl Into<String>) -> LexiconError {
        LexiconError::new(self.file.to_string(), self.line as usize, message)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}
