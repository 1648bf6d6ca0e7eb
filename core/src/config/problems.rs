//! What the parser reports: either the file is not JSON at all, or it is JSON with problems.
//!
//! Every problem names the key it is about (a JSON path such as `handoffOrigins[1]`) and says
//! what is wrong and what to write instead: the reader is a vendor's operator editing a file.

use std::fmt;

/// Why `config.json` could not be turned into a [`super::Config`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The text is not JSON. `line` and `column` are 1-based, as editors count them.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The text is JSON but breaks one or more rules. All of them are listed (key problems
    /// first, then the values in documentation order) so one round of edits fixes everything.
    Invalid(Vec<ConfigProblem>),
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// JSON path of the offending value: `clientId`, `endpoints.graph`, `handoffOrigins[1]`,
    /// `handoffPublicKey.x`; `$` is the whole file.
    pub key: String,
    /// What is wrong and what to write instead.
    pub problem: String,
}

impl ConfigProblem {
    pub fn new(key: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.problem)
    }
}

impl fmt::Display for ConfigError {
    /// One line, for a log or a banner; the UI lists [`ConfigError::Invalid`]'s problems itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NotJson {
                line,
                column,
                detail,
            } => {
                write!(
                    f,
                    "config.json is not valid JSON (line {line}, column {column}): {detail}"
                )
            }
            ConfigError::Invalid(problems) => match problems.as_slice() {
                [] => write!(f, "config.json is invalid"),
                [only] => write!(f, "config.json has 1 problem: {only}"),
                [first, rest @ ..] => write!(
                    f,
                    "config.json has {} problems; the first: {first}",
                    rest.len() + 1
                ),
            },
        }
    }
}

impl std::error::Error for ConfigError {}

/// Collects problems while the whole file is checked, instead of stopping at the first.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<ConfigProblem>);

impl Problems {
    pub(crate) fn add(&mut self, key: impl Into<String>, problem: impl Into<String>) {
        // An empty member name (`{"": 1}`, found by tests/fuzz_config.rs) is shown quoted, so
        // the problem still says where.
        let key = key.into();
        let key = if key.is_empty() {
            "\"\"".to_owned()
        } else {
            key
        };
        self.0.push(ConfigProblem::new(key, problem));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn into_vec(self) -> Vec<ConfigProblem> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_not_json_names_the_position() {
        let error = ConfigError::NotJson {
            line: 3,
            column: 7,
            detail: "expected `,`".into(),
        };
        assert_eq!(
            error.to_string(),
            "config.json is not valid JSON (line 3, column 7): expected `,`"
        );
    }

    #[test]
    fn summary_of_several_problems_counts_them_and_shows_the_first() {
        let error = ConfigError::Invalid(vec![
            ConfigProblem::new("clientId", "missing"),
            ConfigProblem::new("tenant", "bad"),
        ]);
        assert_eq!(
            error.to_string(),
            "config.json has 2 problems; the first: clientId: missing"
        );
    }

    #[test]
    fn summary_of_one_problem_is_singular() {
        let error = ConfigError::Invalid(vec![ConfigProblem::new("tenant", "bad")]);
        assert_eq!(error.to_string(), "config.json has 1 problem: tenant: bad");
    }
}
