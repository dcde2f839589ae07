//! Reading the sign-in mails `relais` writes into its mail folder (lettre's
//! file transport: one RFC 5322 `*.eml` file per mail).

use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};

use crate::Relais;

/// What a sign-in mail carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInMail {
    /// The 6-digit code, alone on its line of the body.
    pub code: String,
    /// The Subject, decoded: it must not hold the code, which a locked
    /// phone would show in its notification.
    pub subject: String,
    /// The link as written in the mail (`<public url>/connexion/lien#t=…`).
    pub link: String,
    /// The same link from its path on: `/connexion/lien#t=…`, to open on the
    /// test's own server whatever public URL the mail was written with.
    pub link_path: String,
}

/// Waits (up to 15 s) for a sign-in mail to `address` and reads the newest one.
pub async fn sign_in_mail(relais: &Relais, address: &str) -> Result<SignInMail> {
    sign_in_mail_after(relais, address, SystemTime::UNIX_EPOCH).await
}

/// Like [`sign_in_mail`], for a mail written after `after` (a code asked again).
pub async fn sign_in_mail_after(
    relais: &Relais,
    address: &str,
    after: SystemTime,
) -> Result<SignInMail> {
    let dir = relais.mail_dir();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(text) = newest_mail_to(&dir, address, after)? {
            return parse_sign_in_mail(&text)
                .with_context(|| format!("the newest mail to {address} is not a sign-in mail"));
        }
        if tokio::time::Instant::now() > deadline {
            bail!(
                "no sign-in mail to {address} in {} after 15 s",
                dir.display()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of the newest `*.eml` file in `dir` addressed to `address`.
fn newest_mail_to(dir: &Path, address: &str, after: SystemTime) -> Result<Option<String>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(None); // The folder appears with the first mail.
    };
    let wanted = address.to_ascii_lowercase();
    let mut newest: Option<(SystemTime, String, String)> = None;
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("eml") {
            continue;
        }
        let modified = entry.metadata()?.modified()?;
        if modified < after {
            continue;
        }
        // A mail being written may not be complete yet: the next poll reads it again.
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let to = header(&text, "To").unwrap_or_default().to_ascii_lowercase();
        if !to.contains(&wanted) {
            continue;
        }
        let name = path.display().to_string();
        let is_newer = newest
            .as_ref()
            .is_none_or(|(time, other, _)| (modified, &name) > (*time, other));
        if is_newer {
            newest = Some((modified, name, text));
        }
    }
    Ok(newest.map(|(_, _, text)| text))
}

/// Reads the code and the link from the body, and the Subject.
pub fn parse_sign_in_mail(raw: &str) -> Result<SignInMail> {
    let subject = decode_encoded_words(&header(raw, "Subject").context("no Subject")?);
    let mut bodies = vec![undo_quoted_printable(raw)];
    bodies.extend(base64_parts(raw));
    let code = bodies
        .iter()
        .find_map(|body| code_line(body))
        .context("no 6-digit code alone on a line of the body")?;
    let link = bodies
        .iter()
        .find_map(|body| find_link(body))
        .context("no /connexion/lien#t= link in the body")?;
    let start = link
        .find(shared::routes::pages::SIGN_IN_LINK)
        .context("the link has no path")?;
    Ok(SignInMail {
        link_path: link[start..].to_owned(),
        code,
        subject,
        link,
    })
}

/// The value of a header of the message's head, with folded lines joined.
fn header(raw: &str, name: &str) -> Option<String> {
    let head = raw
        .split("\r\n\r\n")
        .next()
        .unwrap_or(raw)
        .split("\n\n")
        .next()
        .unwrap_or(raw);
    let mut value: Option<String> = None;
    for line in head.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(current) = value.as_mut() {
            if line.starts_with([' ', '\t']) {
                current.push(' ');
                current.push_str(line.trim());
                continue;
            }
            break;
        }
        if let Some((key, rest)) = line.split_once(':')
            && key.eq_ignore_ascii_case(name)
        {
            value = Some(rest.trim().to_owned());
        }
    }
    value
}

/// The code stands alone on its line, in large type.
fn code_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|line| line.len() == 6 && line.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_owned)
}

/// Soft line breaks (`=` at the end of a line) removed and `=3D` back to `=`.
fn undo_quoted_printable(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
        .replace("=3d", "=")
}

/// `…/connexion/lien#t=<token>`, from its scheme to the end of the token.
fn find_link(text: &str) -> Option<String> {
    let marker = format!("{}#t=", shared::routes::pages::SIGN_IN_LINK);
    let at = text.find(&marker)?;
    let start = text[..at]
        .rfind("http")
        .filter(|start| !text[*start..at].contains(char::is_whitespace))
        .unwrap_or(at);
    let token_start = at + marker.len();
    let token_len = text[token_start..]
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | ']'))
        .unwrap_or(text.len() - token_start);
    (token_len > 0).then(|| text[start..token_start + token_len].to_owned())
}

/// The decoded bodies of the parts sent as base64 (when a mail is not
/// quoted-printable).
fn base64_parts(raw: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut in_base64_head = false;
    let mut body: Option<String> = None;
    for line in raw.lines().map(|l| l.trim_end_matches('\r')) {
        if let Some(collected) = body.as_mut() {
            if line.is_empty() || line.starts_with("--") {
                if let Some(bytes) = base64_decode(collected) {
                    parts.push(String::from_utf8_lossy(&bytes).into_owned());
                }
                body = None;
            } else {
                collected.push_str(line.trim());
            }
            continue;
        }
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("content-transfer-encoding:") && lower.contains("base64") {
            in_base64_head = true;
        } else if line.is_empty() && in_base64_head {
            in_base64_head = false;
            body = Some(String::new());
        }
    }
    if let Some(collected) = body
        && let Some(bytes) = base64_decode(&collected)
    {
        parts.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    parts
}

/// RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) decoded; other text kept.
fn decode_encoded_words(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let Some((word, after)) = rest[start + 2..].split_once("?=") else {
            break;
        };
        let decoded = match word.splitn(3, '?').collect::<Vec<_>>().as_slice() {
            [_charset, encoding, data] if encoding.eq_ignore_ascii_case("b") => {
                base64_decode(data).map(|b| String::from_utf8_lossy(&b).into_owned())
            }
            [_charset, encoding, data] if encoding.eq_ignore_ascii_case("q") => {
                Some(decode_q(data))
            }
            _ => None,
        };
        let before = &rest[..start];
        // Whitespace between two encoded words is not part of the text.
        if !(after_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        match decoded {
            Some(text) => out.push_str(&text),
            None => out.push_str(&rest[start..start + word.len() + 4]),
        }
        after_word = true;
        rest = after;
    }
    out.push_str(rest);
    out
}

fn decode_q(data: &str) -> String {
    let mut bytes = Vec::new();
    let mut chars = data.bytes();
    while let Some(b) = chars.next() {
        match b {
            b'_' => bytes.push(b' '),
            b'=' => {
                let hex: Vec<u8> = chars.by_ref().take(2).collect();
                let value = std::str::from_utf8(&hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                bytes.extend(value.map_or(hex, |v| vec![v]));
            }
            other => bytes.push(other),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\r' | b'\n' | b' ' => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUOTED_PRINTABLE: &str = "From: Relais <relais@localhost>\r\n\
        To: alice@demo.relais\r\n\
        Subject: Votre code de connexion =?utf-8?b?w6A=?= Relais\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: multipart/alternative; boundary=\"b1\"\r\n\
        \r\n\
        --b1\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        Votre code :\r\n\
        \r\n\
            123456\r\n\
        Ou ouvrez ce lien : http://127.0.0.1:8080/connexion/lien#t=3DabcDEF_12=\r\n\
        3-xyz.sig\r\n\
        --b1--\r\n";

    #[test]
    fn reads_code_and_link_from_a_quoted_printable_mail() {
        let mail = parse_sign_in_mail(QUOTED_PRINTABLE).unwrap();
        assert_eq!(mail.code, "123456");
        assert_eq!(mail.subject, "Votre code de connexion à Relais");
        assert_eq!(
            mail.link,
            "http://127.0.0.1:8080/connexion/lien#t=abcDEF_123-xyz.sig"
        );
        assert_eq!(mail.link_path, "/connexion/lien#t=abcDEF_123-xyz.sig");
    }

    #[test]
    fn reads_an_encoded_subject_and_a_base64_body() {
        // "Your code to sign in to Relais", and a body "   654321\n<link>", both base64.
        let raw = "To: <bob@example.org>\r\n\
            Subject: =?utf-8?b?WW91ciBjb2RlIHRvIHNpZ24gaW4gdG8gUmVsYWlz?=\r\n\
            Content-Transfer-Encoding: base64\r\n\
            \r\n\
            ICAgNjU0MzIxCmh0dHBzOi8vcmVsYWlzLmV4YW1wbGUvY29ubmV4aW9uL2xpZW4jdD10b2tlbjE=\r\n";
        let mail = parse_sign_in_mail(raw).unwrap();
        assert_eq!(mail.code, "654321");
        assert_eq!(mail.subject, "Your code to sign in to Relais");
        assert_eq!(mail.link, "https://relais.example/connexion/lien#t=token1");
    }

    #[test]
    fn decodes_q_encoded_words() {
        assert_eq!(
            decode_encoded_words("=?UTF-8?Q?Votre_code_de_connexion_Relais_:_123456?="),
            "Votre code de connexion Relais : 123456"
        );
        assert_eq!(
            decode_encoded_words("=?utf-8?q?a?= =?utf-8?q?b?= c"),
            "ab c"
        );
    }
}
