//! A site's phone number: what the server stores and the site editor
//! accepts, and the `tel:` link the browser app makes of it, so that a
//! person who will not book online can call the host.

use crate::error::codes;
use crate::site_checks::Problem;

/// The longest number, counted as written (with its spaces), once trimmed.
pub const MAX_CHARS: usize = 30;

/// Fewer digits than this is a typing slip, not a site's number.
const MIN_DIGITS: usize = 4;

/// Whether `phone` is empty (the site gives none) or a number as people
/// write it: digits, spaces and `+ . - ( )`, at least four digits, at most
/// 30 characters once trimmed. `Err` is 400 `invalid_phone`.
pub fn check(phone: &str) -> Result<(), Problem> {
    let phone = phone.trim();
    if phone.is_empty() {
        return Ok(());
    }
    let allowed = |c: char| c.is_ascii_digit() || " +.-()".contains(c);
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if phone.chars().count() > MAX_CHARS || digits < MIN_DIGITS || !phone.chars().all(allowed) {
        return Err(Problem {
            code: codes::INVALID_PHONE,
            message: "phone: at most 30 characters, only digits, spaces and + . - ( ), at least 4 digits.",
        });
    }
    Ok(())
}

/// The `tel:` link of a number as written: its digits, with the leading
/// `+` of an international number ("+33 (0)4 66 12 34 56" is
/// `tel:+33466123456`: the "(0)" is dialled only from France).
pub fn tel_uri(phone: &str) -> String {
    let phone = phone.trim();
    let international = phone.starts_with('+');
    let phone = if international {
        phone.replace("(0)", "")
    } else {
        phone.to_owned()
    };
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let plus = if international { "+" } else { "" };
    format!("tel:{plus}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_write_them_are_taken() {
        for good in [
            "",
            "  ",
            "04 66 12 34 56",
            "04.66.12.34.56",
            "04-66-12-34-56",
            "+33 (0)4 66 12 34 56",
            " 0466123456 ",
            "3939",
        ] {
            assert_eq!(check(good), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn anything_else_is_invalid_phone() {
        for bad in [
            "appelez-nous",
            "04 66 12 34 56 poste 12",
            "04 66\n12 34 56",
            "+",
            "112",
            "0466123456\u{0}",
            "04\u{a0}66\u{a0}12\u{a0}34\u{a0}56",
            &"0".repeat(31),
        ] {
            assert_eq!(
                check(bad).map_err(|p| p.code),
                Err("invalid_phone"),
                "{bad:?}"
            );
        }
        assert_eq!(check(&format!("  {}  ", "0".repeat(30))), Ok(()), "trimmed");
    }

    #[test]
    fn a_tel_link_keeps_the_digits_and_the_leading_plus() {
        assert_eq!(tel_uri("04 66 12 34 56"), "tel:0466123456");
        assert_eq!(tel_uri("04.66.12.34.56"), "tel:0466123456");
        assert_eq!(tel_uri(" +33 (0)4 66 12 34 56"), "tel:+33466123456");
        assert_eq!(tel_uri("+33 4 66 12 34 56"), "tel:+33466123456");
        // A national number keeps its digits in brackets.
        assert_eq!(tel_uri("(04) 66 12 34 56"), "tel:0466123456");
    }
}
