//! Text put into HTML or XML (mails, the plain site list, spreadsheet
//! files): names and addresses are typed by people, so `<`, `&` and quotes
//! are written as entities, in content and in attribute values alike.

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            super::escape(r#"Café & Co <Mende> "centre""#),
            "Café &amp; Co &lt;Mende&gt; &quot;centre&quot;"
        );
    }
}
