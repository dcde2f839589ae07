//! Limits on the text people type. Every free-text field has a maximum
//! length fitting its use and refuses control characters (a line break only
//! where one makes sense): a 2 MB address would otherwise be copied into
//! every feed event, mail and the public site list. The server and the
//! browser's forms check with this one table.

use crate::error::codes;
use crate::site_checks::Problem;

/// How much text a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLimit {
    /// The field's name in the API, as the refusal names it.
    pub field: &'static str,
    pub max_chars: usize,
    /// Whether line breaks are welcome (notes), or refused (names).
    pub lines: bool,
    /// The refusal's sentence, naming the field.
    pub message: &'static str,
}

const fn limit(
    field: &'static str,
    max_chars: usize,
    lines: bool,
    message: &'static str,
) -> TextLimit {
    TextLimit {
        field,
        max_chars,
        lines,
        message,
    }
}

pub const SITE_NAME: TextLimit = limit(
    "name",
    120,
    false,
    "name: at most 120 characters, on one line, without control characters.",
);
pub const SITE_ADDRESS: TextLimit = limit(
    "address",
    200,
    false,
    "address: at most 200 characters, on one line, without control characters.",
);
pub const SITE_ACCESSIBILITY: TextLimit = limit(
    "accessibility",
    1000,
    true,
    "accessibility: at most 1,000 characters, without control characters.",
);
pub const HOW_TO_GET_IN: TextLimit = limit(
    "how_to_get_in",
    500,
    true,
    "how_to_get_in: at most 500 characters, without control characters.",
);
pub const RESOURCE_NAME: TextLimit = limit(
    "name",
    80,
    false,
    "name: at most 80 characters, on one line, without control characters.",
);
pub const POLICY_NAME: TextLimit = limit(
    "name",
    120,
    false,
    "name: at most 120 characters, on one line, without control characters.",
);
pub const PERSON_NAME: TextLimit = limit(
    "display_name",
    100,
    false,
    "display_name: at most 100 characters, on one line, without control characters.",
);
pub const CLOSURE_REASON: TextLimit = limit(
    "reason",
    200,
    false,
    "reason: at most 200 characters, on one line, without control characters.",
);
pub const CANCEL_REASON: TextLimit = limit(
    "reason",
    500,
    true,
    "reason: at most 500 characters, without control characters.",
);
pub const API_KEY_NAME: TextLimit = limit(
    "name",
    100,
    false,
    "name: at most 100 characters, on one line, without control characters.",
);

impl TextLimit {
    /// Whether `text` fits (its length counted after trimming, as stored):
    /// `Err` is 400 `invalid_text` with a sentence naming the field.
    pub fn check(&self, text: &str) -> Result<(), Problem> {
        let text = text.trim();
        let allowed = |c: char| !c.is_control() || (self.lines && c == '\n');
        // `\r\n` from a form is a line break too.
        let allowed_here = |c: char| allowed(c) || (self.lines && c == '\r');
        if text.chars().count() > self.max_chars || !text.chars().all(allowed_here) {
            return Err(Problem {
                code: codes::INVALID_TEXT,
                message: self.message,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_takes_its_length_and_no_more() {
        assert!(SITE_ADDRESS.check(&"a".repeat(200)).is_ok());
        let refused = SITE_ADDRESS.check(&"a".repeat(201)).unwrap_err();
        assert_eq!(refused.code, "invalid_text");
        assert!(refused.message.starts_with("address"), "names the field");
        // Characters, not bytes: 200 accented letters fit.
        assert!(SITE_ADDRESS.check(&"é".repeat(200)).is_ok());
        // Spaces around do not count: they are trimmed before storing.
        assert!(SITE_NAME.check(&format!("  {}  ", "a".repeat(120))).is_ok());
    }

    #[test]
    fn line_breaks_only_in_notes_and_never_control_characters() {
        assert!(SITE_ACCESSIBILITY.check("Rampe\r\nAscenseur").is_ok());
        assert!(SITE_ADDRESS.check("1 rue\nde la Paix").is_err());
        for bad in ["Bell\u{7}", "Nul\u{0}", "Esc\u{1b}[31m"] {
            assert!(SITE_ACCESSIBILITY.check(bad).is_err(), "{bad:?}");
            assert!(PERSON_NAME.check(bad).is_err(), "{bad:?}");
        }
    }
}
