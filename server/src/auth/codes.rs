//! Sign-in codes (6 digits, for whoever reads mail on a phone while booking on
//! a shared computer) and link tokens (128 bits and more).

use rand::Rng;

/// A uniformly random 6-digit code, leading zeros kept.
pub fn new_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

/// The token carried by the mail's link.
pub fn new_link_token() -> String {
    super::secrets::random_token(24)
}

/// Codes are typed by people: keep the digits, drop spaces and dashes.
pub fn normalise_code(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_six_digits() {
        for _ in 0..1000 {
            let code = new_code();
            assert_eq!(code.len(), 6);
            assert!(code.chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn typed_codes_are_forgiven_their_spaces() {
        assert_eq!(normalise_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(normalise_code("123-456").as_deref(), Some("123456"));
        assert_eq!(normalise_code("12345"), None);
        assert_eq!(normalise_code("12345a"), None);
        assert_eq!(normalise_code("1234567"), None);
    }

    #[test]
    fn link_tokens_carry_at_least_128_bits() {
        let token = new_link_token();
        assert!(token.len() * 6 >= 128, "{token}");
        assert_ne!(token, new_link_token());
    }
}
