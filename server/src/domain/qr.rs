//! QR codes as small SVG images: one path, each row of modules a stroke
//! drawn along its runs of dark modules.
//!
//! Why not the `qrcode` crate's own SVG renderer: it writes one element per
//! dark module, about 50 KB for a pass's token, which every confirmation mail
//! and pass page then carried (and the booking's transaction once stored).
//! The same modules as runs make about a tenth of that.

use std::fmt::Write as _;

use qrcode::{Color, QrCode};

/// Modules of light margin around the code, as the standard asks.
const QUIET_ZONE: usize = 4;

/// The side the image asks for by default, in CSS pixels (it scales with its box).
const SIDE: usize = 240;

/// `text` as a QR code (error correction level M: a scratched screen or a
/// creased printout still reads), or `None` when it is too long for one.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let side = width + 2 * QUIET_ZONE;
    // Each row is one stroke one module thick through the row's middle:
    // `M x y.5` to its first dark run, `h run` along it, `m gap 0` to the
    // next run (relative moves keep the numbers short).
    let mut path = String::with_capacity(width * width / 2);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < width {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
            // Writing to a String cannot fail.
            let _ = match pen {
                None => write!(path, "M{} {}.5h{run}", x + QUIET_ZONE, y + QUIET_ZONE),
                Some(end) => write!(path, "m{} 0h{run}", x - end),
            };
            x += run;
            pen = Some(x);
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SIDE}\" height=\"{SIDE}\" \
         viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path stroke=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the dark modules back out of the path, as (x, y) pairs.
    fn modules_of(svg: &str) -> std::collections::BTreeSet<(usize, usize)> {
        let d = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut dark = std::collections::BTreeSet::new();
        let (mut x, mut y) = (0, 0);
        for row in d.split('M').filter(|r| !r.is_empty()) {
            for (i, step) in row.split('h').enumerate() {
                if i == 0 {
                    let (at_x, at_y) = step.split_once(' ').unwrap();
                    x = at_x.parse::<usize>().unwrap() - QUIET_ZONE;
                    y = at_y.strip_suffix(".5").unwrap().parse::<usize>().unwrap() - QUIET_ZONE;
                    continue;
                }
                let (run, gap) = match step.split_once('m') {
                    Some((run, gap)) => (run, Some(gap.strip_suffix(" 0").unwrap())),
                    None => (step, None),
                };
                let run: usize = run.parse().unwrap();
                for dx in 0..run {
                    dark.insert((x + dx, y));
                }
                x += run + gap.map_or(0, |g| g.parse::<usize>().unwrap());
            }
        }
        dark
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let token = "eyJhbGciOiJFZERTQSJ9.".repeat(14);
        let image = svg(&token).unwrap();
        let code = QrCode::new(token.as_bytes()).unwrap();
        let width = code.width();
        let expected: std::collections::BTreeSet<(usize, usize)> = code
            .to_colors()
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Color::Dark)
            .map(|(i, _)| (i % width, i / width))
            .collect();
        assert_eq!(modules_of(&image), expected);
        let side = width + 2 * QUIET_ZONE;
        assert!(image.contains(&format!("viewBox=\"0 0 {side} {side}\"")));
    }

    #[test]
    fn a_pass_token_makes_a_small_image() {
        // A pass's token is about 300 characters.
        let image = svg(&"a1B2c3D4e5".repeat(30)).unwrap();
        assert!(image.len() < 10_000, "{} bytes", image.len());
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_none() {
        assert!(svg(&"x".repeat(8_000)).is_none());
    }
}
